namespace Serverless.Storage.Queues;

/// <summary>
/// Operator actions on a provider's queues by name, without a pop receipt: look at the head of a queue, move one
/// message to another queue (the poison queue's re-queue), delete one. Implemented by every provider rather than by
/// <see cref="IQueue"/>, so that queue decorators need not forward it.
/// </summary>
/// <remarks>
/// Only messages visible now are seen and changed: a message another receiver holds is left alone. Azure Storage
/// Queues can only peek at the first <see cref="MaxPeek"/> visible messages of a queue and address a message only
/// through a receive, so every backend offers the same window: what lies beyond the first 32 is reached by moving or
/// deleting those in front of it.
/// </remarks>
public interface IQueueAdministration
{
    /// <summary>The most messages one peek returns (Azure Storage Queues' limit).</summary>
    public const int MaxPeek = 32;

    /// <summary>
    /// Up to <paramref name="maxMessages"/> (1 to <see cref="MaxPeek"/>) visible messages of
    /// <paramref name="queueName"/>, oldest first, unchanged.
    /// </summary>
    Task<IReadOnlyList<PeekedMessage>> PeekAsync(
        string queueName,
        int maxMessages,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts the messages of <paramref name="queueName"/> that are ready now and those scheduled for later, and says
    /// since when the longest-waiting ready message has been visible. Exact on SQLite and in memory; on Azure Storage
    /// Queues ready is what a peek sees (at most <see cref="MaxPeek"/>), scheduled the approximate total less that,
    /// and the oldest ready message counts from when it was sent (a peek does not tell when it became visible).
    /// </summary>
    Task<QueueDepth> GetDepthAsync(string queueName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the visible message <paramref name="messageId"/> of <paramref name="queueName"/> to the end of
    /// <paramref name="targetQueueName"/>, visible at once with a fresh dequeue count. Returns <see langword="false"/>
    /// when no such message is visible (Azure Storage and the in-memory backend look among the first
    /// <see cref="MaxPeek"/> only; SQLite finds it anywhere). A crash part-way may leave it in both queues, never in
    /// neither.
    /// </summary>
    Task<bool> MoveAsync(
        string queueName,
        string messageId,
        string targetQueueName,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the visible message <paramref name="messageId"/> of <paramref name="queueName"/>;
    /// <see langword="false"/> when it is not visible (within the same window as <see cref="MoveAsync"/>).
    /// </summary>
    Task<bool> DeleteAsync(string queueName, string messageId, CancellationToken cancellationToken = default);
}
