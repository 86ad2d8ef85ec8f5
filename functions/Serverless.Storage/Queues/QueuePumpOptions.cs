namespace Serverless.Storage.Queues;

/// <summary>How a <see cref="QueuePump"/> polls and processes one queue.</summary>
public sealed record QueuePumpOptions
{
    /// <summary>How many messages are processed at once.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>How long a received message stays hidden from other receivers.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first wait after an empty poll; it doubles on each further empty poll.</summary>
    public TimeSpan MinPollingInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest wait between polls of an empty queue.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The delay before a failed message is retried on its first failure; it doubles with each delivery.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest delay before a failed message is retried.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>On stop, how long in-flight messages may take to finish before they are cancelled and returned to the queue.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
