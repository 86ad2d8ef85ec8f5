namespace Serverless.Storage.Queues;

/// <summary>
/// An at-least-once queue with visibility timeouts, shaped like Azure Storage Queues. A message received more than
/// <see cref="QueueOptions.MaxDequeueCount"/> times is moved to <c>&lt;queue&gt;-poison</c> instead of being handed
/// out.
/// </summary>
public interface IQueue
{
    /// <summary>The queue's name.</summary>
    string Name { get; }

    /// <summary>Creates the queue if it does not exist. Idempotent and cheap after the first call.</summary>
    ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a message, visible after <paramref name="delay"/> (immediately when <see langword="null"/>). Returns its
    /// id.
    /// </summary>
    Task<string> SendAsync(string body, TimeSpan? delay = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands out up to <paramref name="maxMessages"/> visible messages (oldest first), each hidden from other receivers
    /// for <paramref name="visibilityTimeout"/>. Never hands one message to two concurrent receivers.
    /// </summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        int maxMessages,
        TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a received message. Returns <see langword="false"/> when its receipt is stale (it was handed out again
    /// or already deleted).
    /// </summary>
    Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes a received message visible again after <paramref name="delay"/>. Returns <see langword="false"/> when its
    /// receipt is stale.
    /// </summary>
    Task<bool> AbandonAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>The number of messages in the queue, visible or not (approximate on distributed backends).</summary>
    Task<int> CountAsync(CancellationToken cancellationToken = default);
}
