using Serverless.Storage;
using Serverless.Storage.Queues;

namespace Serverless.Hosting.Queues;

/// <summary>The message a queue function is invoked with.</summary>
/// <param name="MessageId">The message's identity, stable across deliveries (use it to make the handler
/// idempotent).</param>
/// <param name="Body">The payload.</param>
/// <param name="DequeueCount">How many times the message has been delivered, this delivery included (1 on the
/// first).</param>
/// <param name="InsertedAt">When the message was sent.</param>
public sealed record QueueTrigger(string MessageId, string Body, int DequeueCount, DateTimeOffset InsertedAt)
{
    private int _completed;

    /// <summary>
    /// This delivery, for a handler whose last write goes to a transactional store to complete the message in that same
    /// write (<see cref="ITransactionalStorage.ExecuteBatchAndSendAsync"/>), then to report with
    /// <see cref="MarkCompleted"/>. <see langword="null"/> when no queue message is behind the call.
    /// </summary>
    public QueueCompletion? Completion { get; init; }

    /// <summary>
    /// Reports that the handler completed <see cref="Completion"/> in its own write, so the host does not complete it
    /// again.
    /// </summary>
    public void MarkCompleted() => Volatile.Write(ref _completed, 1);

    /// <summary>Whether the handler reported <see cref="MarkCompleted"/>.</summary>
    internal bool IsCompleted => Volatile.Read(ref _completed) == 1;
}
