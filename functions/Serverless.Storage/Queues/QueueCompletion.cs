namespace Serverless.Storage.Queues;

/// <summary>
/// A received message to complete as part of <see cref="ITransactionalStorage.ExecuteBatchAndSendAsync"/>: deleted if
/// <see cref="Message"/>'s receipt is still its current one; a stale receipt deletes nothing and fails nothing, and the
/// provider reports it in <see cref="IsStale"/>.
/// </summary>
/// <param name="Queue">The queue the message was received from.</param>
/// <param name="Message">The delivery to complete.</param>
public sealed record QueueCompletion(string Queue, QueueMessage Message)
{
    private int _stale;

    /// <summary>
    /// Whether the write found the receipt stale (the message was handed out again, or deleted) and so completed
    /// nothing: the handler's work may be done twice, which it must tolerate, and the caller should say so as a pump
    /// does.
    /// </summary>
    public bool IsStale => Volatile.Read(ref _stale) == 1;

    /// <summary>Records that the receipt was stale; called by the provider that applied the write.</summary>
    public void MarkStale() => Volatile.Write(ref _stale, 1);
}
