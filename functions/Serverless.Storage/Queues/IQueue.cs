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
    /// <param name="maxMessages">The most messages to hand out (at least 1).</param>
    /// <param name="visibilityTimeout">How long each message handed out stays hidden from other receivers.</param>
    /// <param name="wait">
    /// How long the caller means to wait for a message if none is visible (zero or less: not at all). A backend that
    /// can wait on the server (SQS long polling) waits up to this long and returns as soon as a message is visible;
    /// the others return at once. So a caller that polls passes its idle wait here and afterwards waits only for what
    /// is left of it.
    /// </param>
    /// <param name="cancellationToken">Cancels the receive, a wait on the server included.</param>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        int maxMessages,
        TimeSpan visibilityTimeout,
        TimeSpan wait = default,
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
