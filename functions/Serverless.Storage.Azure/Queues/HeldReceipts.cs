using Serverless.Storage.Tables;
using QueueMessage = Serverless.Storage.Queues.QueueMessage;

namespace Serverless.Storage.Azure.Queues;

/// <summary>
/// Which worker holds which received messages, for Azure Storage Queues, where a message cannot carry its holder: one
/// row per held message, (queue, message id, pop receipt), in the partition of the worker that received it. Written in
/// one batch per receive, deleted on complete and abandon. Any process holding a pop receipt can make the message
/// visible again (<c>UpdateMessage</c> with visibility 0, which issues a new receipt), which is how a dead worker's
/// messages are released.
/// </summary>
/// <remarks>
/// A worker killed between its receive and the ledger write leaves messages nobody can release, so a worker's receives
/// hide messages for <see cref="AzureQueue.HeldVisibility"/> only (6 s) and renew that while the handler runs, up to
/// the visibility timeout asked for (each renewal is a new receipt, recorded here): such messages reappear within
/// seconds. A row left behind by a failed delete is harmless (releasing a completed message answers 404, taken as
/// done) and goes with its worker's release.
/// </remarks>
internal sealed class HeldReceipts(ITable table, string workerId, bool recordsOnReceive)
{
    public const string TableName = "WorkerReceipts";
    private const string QueueProperty = "Queue";
    private const string MessageIdProperty = "MessageId";
    private const string PopReceiptProperty = "PopReceipt";

    public ITable Table => table;

    /// <summary>Whether receipts are recorded at the receive, rather than when a message is first renewed.</summary>
    public bool RecordsOnReceive => recordsOnReceive;

    public async Task RecordAsync(
        string queueName,
        IReadOnlyList<QueueMessage> received,
        CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in received.Chunk(100))
        {
            await table.ExecuteBatchAsync(
                chunk.Select(m => TableOperation.Upsert(new TableEntity(workerId, RowKey(queueName, m.MessageId))
                {
                    Properties = new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        [QueueProperty] = queueName,
                        [MessageIdProperty] = m.MessageId,
                        [PopReceiptProperty] = m.PopReceipt,
                    },
                })).ToList(),
                cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task ForgetAsync(string queueName, string messageId, CancellationToken cancellationToken)
    {
        try
        {
            await table.ExecuteBatchAsync(
                [TableOperation.Delete(workerId, RowKey(queueName, messageId))],
                cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TableConflictException)
        {
            // Not recorded (received before a worker id was set, or already released): nothing to forget.
        }
    }

    public static (string Queue, string MessageId, string PopReceipt) Read(TableEntity row) =>
        (row.Properties[QueueProperty], row.Properties[MessageIdProperty], row.Properties[PopReceiptProperty]);

    private static string RowKey(string queueName, string messageId) => queueName + "|" + messageId;
}
