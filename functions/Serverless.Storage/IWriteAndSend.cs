using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Storage;

/// <summary>
/// The domain's way to say "send these messages with this write" or "complete this delivery with this write", without
/// knowing the backend: one implementation per strategy, chosen by the host. <see cref="SequentialWriteAndSend"/> (any
/// store) sends first and writes last, so a crash between the two sends again on retry and never loses a message; the
/// queue runtime's transactional implementation writes, sends and completes in one transaction (SQLite) and hands
/// messages due now to a free pump slot of this process.
/// </summary>
public interface IWriteAndSend
{
    /// <summary>
    /// Applies <paramref name="operations"/> to <paramref name="table"/> and sends <paramref name="messages"/>, so that
    /// the write is never seen without the messages. <paramref name="beforeWrite"/> (other effects the write records as
    /// done) runs before the write and, where sends are separate from the write, after them.
    /// </summary>
    /// <exception cref="TableConflictException">A precondition of the batch failed (with a transaction, nothing was
    /// sent).</exception>
    Task WriteAndSendAsync(
        string table,
        IReadOnlyList<TableOperation> operations,
        IReadOnlyList<QueueSend> messages,
        Func<CancellationToken, Task>? beforeWrite = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="operations"/> to <paramref name="table"/> and, where the store can, completes
    /// <paramref name="delivery"/> in the same write. Returns whether it did (else the caller completes it); a stale
    /// receipt is reported in <see cref="QueueCompletion.IsStale"/>.
    /// </summary>
    /// <exception cref="TableConflictException">A precondition of the batch failed: nothing was written or
    /// completed.</exception>
    Task<bool> WriteAndCompleteAsync(
        string table,
        IReadOnlyList<TableOperation> operations,
        QueueCompletion delivery,
        CancellationToken cancellationToken = default);
}
