using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Storage;

/// <summary>
/// <see cref="IWriteAndSend"/> for any store, one call after another: the messages first, then what runs before the
/// write, then the write. A crash in between leaves the write undone, so a retry sends again (consumers deduplicate);
/// no message is ever lost behind a write that claims it was sent. Never completes a delivery itself.
/// </summary>
/// <param name="storage">The store to send to and write to.</param>
public sealed class SequentialWriteAndSend(IStorageProvider storage) : IWriteAndSend
{
    /// <inheritdoc />
    public async Task WriteAndSendAsync(
        string table,
        IReadOnlyList<TableOperation> operations,
        IReadOnlyList<QueueSend> messages,
        Func<CancellationToken, Task>? beforeWrite = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await storage.GetQueue(message.Queue).SendAsync(message.Body, message.Delay, cancellationToken)
                .ConfigureAwait(false);
        }

        if (beforeWrite is not null)
        {
            await beforeWrite(cancellationToken).ConfigureAwait(false);
        }

        await storage.GetTable(table).ExecuteBatchAsync(operations, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> WriteAndCompleteAsync(
        string table,
        IReadOnlyList<TableOperation> operations,
        QueueCompletion delivery,
        CancellationToken cancellationToken = default)
    {
        await storage.GetTable(table).ExecuteBatchAsync(operations, cancellationToken).ConfigureAwait(false);
        return false;
    }
}
