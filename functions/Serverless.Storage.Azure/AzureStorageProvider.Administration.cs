using Serverless.Storage.Azure.Queues;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;
using Serverless.Storage.Workers;

namespace Serverless.Storage.Azure;

public sealed partial class AzureStorageProvider : IQueueAdministration, IHeldMessages
{
    /// <inheritdoc />
    /// <remarks>A message held only briefly has no ledger row; it is hidden for at most this long at a time.</remarks>
    public TimeSpan UnreleasedReturnWithin => AzureQueue.HeldVisibility;

    /// <inheritdoc />
    /// <remarks>The service's peek: the first 32 visible messages at most, with the service's dequeue counts.</remarks>
    public Task<IReadOnlyList<PeekedMessage>> PeekAsync(
        string queueName,
        int maxMessages,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, IQueueAdministration.MaxPeek);
        return Queue(queueName).PeekAsync(maxMessages, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The service counts a queue's messages only as one approximate total and peeks at visible ones only, at most 32:
    /// ready is what the peek sees, scheduled the rest of the total, and the oldest ready message's age counts from
    /// when it was sent (for a message sent with a delay, that includes the delay).
    /// </remarks>
    public Task<QueueDepth> GetDepthAsync(string queueName, CancellationToken cancellationToken = default) =>
        Queue(queueName).GetDepthAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Sent to the target first, then deleted here: the target gets a new message id (the service assigns ids).
    /// </remarks>
    public Task<bool> MoveAsync(
        string queueName,
        string messageId,
        string targetQueueName,
        CancellationToken cancellationToken = default)
    {
        var target = Queue(targetQueueName);
        return Queue(queueName).TakeAsync(
            messageId,
            async body =>
            {
                await target.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                await target.SendAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string queueName, string messageId, CancellationToken cancellationToken = default) =>
        Queue(queueName).TakeAsync(messageId, static _ => Task.CompletedTask, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> ListHoldersAsync(CancellationToken cancellationToken = default)
    {
        var holders = new HashSet<string>(StringComparer.Ordinal);
        var ledger = Ledger();
        await ledger.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in ledger.QueryAllAsync(new TableQuery { Top = 1000 }, cancellationToken)
            .ConfigureAwait(false))
        {
            holders.Add(row.PartitionKey);
        }

        return holders;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The rows in the worker's ledger partition (messages it completed but whose row could not be deleted count too),
    /// and for this provider's own worker also what it holds unrecorded; another worker's unrecorded messages (held
    /// less than a renewal, see <see cref="AzureStorageOptions.RecordReceiptsOnReceive"/>) are not seen.
    /// </remarks>
    public async Task<int> CountHeldAsync(string workerId, CancellationToken cancellationToken = default)
    {
        var ledger = Ledger();
        await ledger.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var recorded = (await ledger.QueryPartitionAsync(
            workerId,
            cancellationToken: cancellationToken).ConfigureAwait(false)).Count;
        return workerId == _options.Queues.WorkerId
            ? recorded + _queueHandles.Values.Sum(static q => q.CountUnrecorded())
            : recorded;
    }

    /// <inheritdoc />
    public async Task<int> ReleaseAsync(string workerId, CancellationToken cancellationToken = default)
    {
        var ledger = Ledger();
        await ledger.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ledger.QueryPartitionAsync(workerId, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var released = 0;
        foreach (var row in rows)
        {
            var (queue, messageId, popReceipt) = HeldReceipts.Read(row);
            if (await Queue(queue).ReleaseAsync(messageId, popReceipt, cancellationToken).ConfigureAwait(false))
            {
                released++;
            }
        }

        foreach (var row in rows)
        {
            try
            {
                await ledger.ExecuteBatchAsync(
                    [TableOperation.Delete(row.PartitionKey, row.RowKey, row.ETag ?? TableOperation.AnyETag)],
                    cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (TableConflictException)
            {
                // Deleted by its worker's complete meanwhile, or recorded again by a worker that woke: not ours to
                // delete.
            }
        }

        return released;
    }

    private AzureQueue Queue(string name) => (AzureQueue)GetQueue(name);

    private ITable Ledger() => GetTable(HeldReceipts.TableName);
}
