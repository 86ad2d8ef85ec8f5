using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Workers.Queues;

/// <summary>
/// <see cref="IWriteAndSend"/> on a transactional store (SQLite): the write, its messages and a delivery's completion
/// in one transaction, all or nothing. Messages due now to a queue whose pump in this process has a free slot are
/// written as received by this process and handed to that slot once committed (<see cref="LocalQueueWorkers"/>).
/// </summary>
/// <param name="storage">The store, as one transaction over its tables and queues.</param>
/// <param name="localWorkers">This process's pumps, to hand messages to; none when <see langword="null"/>.</param>
/// <param name="timeProvider">The clock that stamps handed-over messages.</param>
public sealed class TransactionalWriteAndSend(
    ITransactionalStorage storage,
    LocalQueueWorkers? localWorkers = null,
    TimeProvider? timeProvider = null) : IWriteAndSend
{
    private readonly LocalQueueWorkers _localWorkers = localWorkers ?? new LocalQueueWorkers();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task WriteAndSendAsync(
        string table,
        IReadOnlyList<TableOperation> operations,
        IReadOnlyList<QueueSend> messages,
        Func<CancellationToken, Task>? beforeWrite = null,
        CancellationToken cancellationToken = default)
    {
        if (beforeWrite is not null)
        {
            await beforeWrite(cancellationToken).ConfigureAwait(false);
        }

        await _localWorkers.ExecuteBatchAndHandOverAsync(
                storage, table, operations, messages, null, _time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> WriteAndCompleteAsync(
        string table,
        IReadOnlyList<TableOperation> operations,
        QueueCompletion delivery,
        CancellationToken cancellationToken = default)
    {
        await storage.ExecuteBatchAndSendAsync(table, operations, [], [delivery], cancellationToken)
            .ConfigureAwait(false);
        return true;
    }
}
