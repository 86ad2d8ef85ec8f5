namespace Serverless.Storage.Queues;

/// <summary>Settings every queue of a provider shares.</summary>
public sealed class QueueOptions
{
    /// <summary>
    /// How many deliveries a message gets before it is moved to the poison queue (Azure Functions' default: 5).
    /// </summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>
    /// The worker (process) whose receives go through this provider, or <see langword="null"/> for none. Every message
    /// received through it is recorded as held by this worker until it is completed or abandoned, so that when the
    /// worker's lease expires another process can make its messages visible again at once
    /// (<see cref="Workers.IHeldMessages.ReleaseAsync"/>) instead of after the visibility timeout. Embedded backends
    /// record it in the same write as the receive; Azure Storage Queues cannot tag a message, so that backend records
    /// the (message id, pop receipt) pairs in the worker's partition of a table, one batch per receive, and hides a
    /// received message a few seconds at a time, renewed while it is held, so that one received just before a crash
    /// (not yet in the table) is not hidden for the whole visibility timeout.
    /// </summary>
    public string? WorkerId { get; set; }
}
