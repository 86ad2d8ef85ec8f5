using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Storage;

/// <summary>
/// An optional capability of a provider whose tables and queues live in one transactional store (the SQLite file): a
/// table batch and queue sends applied together, all or nothing. Where a provider lacks it (Azure Storage), callers
/// write the batch and the sends separately, with an outbox or an order of writes that survives a crash between them.
/// </summary>
public interface ITransactionalStorage
{
    /// <summary>
    /// Applies <paramref name="operations"/> to the table <paramref name="table"/> as
    /// <see cref="ITable.ExecuteBatchAsync"/> does, sends <paramref name="messages"/> and completes
    /// <paramref name="completions"/>, atomically: when a precondition fails (a <see cref="TableConflictException"/>)
    /// nothing is written, sent or completed. Returns the batch's new ETags.
    /// </summary>
    Task<IReadOnlyList<string?>> ExecuteBatchAndSendAsync(
        string table,
        IReadOnlyList<TableOperation> operations,
        IReadOnlyList<QueueSend> messages,
        IReadOnlyList<QueueCompletion>? completions = null,
        CancellationToken cancellationToken = default);
}
