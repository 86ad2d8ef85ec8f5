using Serverless.Host;

return HostApplication.Run(args);
