using Serverless.Storage.Aws.Queues;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;
using Serverless.Storage.Workers;

namespace Serverless.Storage.Aws;

public sealed partial class AwsStorageProvider : IQueueAdministration, IHeldMessages
{
    /// <inheritdoc />
    /// <remarks>A message held only briefly has no ledger row; it is hidden for at most this long at a time.</remarks>
    public TimeSpan UnreleasedReturnWithin => SqsQueue.HeldVisibility;

    /// <inheritdoc />
    /// <remarks>
    /// SQS has no peek: this receives with visibility 0 and records each such receive as a look, which later receives
    /// take away from the receive count (see the <c>QueuePeeks</c> table), so dequeue counts are unchanged. SQS orders
    /// a standard queue only on a best-effort basis; the emulator keeps the order.
    /// </remarks>
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
    /// SQS's approximate counts (visible; in flight and delayed), and the oldest ready message's age from a peek,
    /// counted from when it was sent (a delayed message's includes its delay).
    /// </remarks>
    public Task<QueueDepth> GetDepthAsync(string queueName, CancellationToken cancellationToken = default) =>
        Queue(queueName).GetDepthAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>Sent to the target first (keeping the message's id), then deleted here.</remarks>
    public Task<bool> MoveAsync(
        string queueName,
        string messageId,
        string targetQueueName,
        CancellationToken cancellationToken = default)
    {
        var target = Queue(targetQueueName);
        return Queue(queueName).TakeAsync(
            messageId,
            async (message, envelope) =>
            {
                await target.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                await target.SendMovedAsync(message, envelope, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string queueName, string messageId, CancellationToken cancellationToken = default) =>
        Queue(queueName).TakeAsync(messageId, static (_, _) => Task.CompletedTask, cancellationToken);

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
    /// The rows in the worker's ledger partition, and for this provider's own worker also what it holds unrecorded;
    /// another worker's unrecorded messages (held less than a renewal) are not seen.
    /// </remarks>
    public async Task<int> CountHeldAsync(string workerId, CancellationToken cancellationToken = default)
    {
        var ledger = Ledger();
        await ledger.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var recorded = (await ledger.QueryPartitionAsync(workerId, cancellationToken: cancellationToken)
            .ConfigureAwait(false)).Count;
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
            var (queue, _, receipt) = ReceiptLedger.Read(row);
            if (await Queue(queue).ReleaseAsync(receipt, cancellationToken).ConfigureAwait(false))
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
                // Deleted by its worker's complete meanwhile, or recorded again by a worker that woke: not ours.
            }
        }

        return released;
    }

    private ITable Ledger() => GetTable(ReceiptLedger.TableName);
}
