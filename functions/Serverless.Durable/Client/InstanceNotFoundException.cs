namespace Serverless.Durable.Client;

/// <summary>No orchestration instance has the given id.</summary>
public sealed class InstanceNotFoundException(string instanceId)
    : Exception($"No orchestration instance with id '{instanceId}' exists.")
{
    /// <summary>The id that was not found.</summary>
    public string InstanceId { get; } = instanceId;
}
