namespace Serverless.Host.Management;

/// <summary>The answer to a purge, as Durable Functions gives it.</summary>
internal sealed record PurgeResponse(int InstancesDeleted);
