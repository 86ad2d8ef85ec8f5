namespace Serverless.Storage.Queues;

/// <summary>Settings every queue of a provider shares.</summary>
public sealed class QueueOptions
{
    /// <summary>How many deliveries a message gets before it is moved to the poison queue (Azure Functions' default: 5).</summary>
    public int MaxDequeueCount { get; set; } = 5;
}
