using Serverless.Host;

HostApplication.Create(args).Run();
