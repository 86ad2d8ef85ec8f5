using Serverless.Storage.Tables;

namespace Serverless.Storage.Aws.Queues;

/// <summary>
/// Which worker holds which received messages, for SQS, where a message cannot carry its holder: one row per held
/// message (queue, message id, receipt handle) in the partition of the worker that received it, in the logical table
/// <see cref="TableName"/> of the DynamoDB store. Anyone holding a receipt handle can make the message visible again
/// (<c>ChangeMessageVisibility</c> 0), which is how a dead worker's messages are released; the row doubles as the proof
/// that a delivery was not released: a worker settles a recorded message only after deleting its row.
/// </summary>
internal sealed class ReceiptLedger(ITable table, string workerId, bool recordsOnReceive)
{
    public const string TableName = "WorkerReceipts";
    private const string QueueProperty = "Queue";
    private const string MessageIdProperty = "MessageId";
    private const string ReceiptProperty = "Receipt";

    public string WorkerId => workerId;

    /// <summary>Whether receipts are recorded at the receive, rather than at a message's first renewal.</summary>
    public bool RecordsOnReceive => recordsOnReceive;

    public async Task RecordAsync(
        string queueName,
        IEnumerable<(string MessageId, string Receipt)> held,
        CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in held.Chunk(100))
        {
            await table.ExecuteBatchAsync(
                chunk.Select(m => TableOperation.Upsert(new TableEntity(workerId, RowKey(queueName, m.MessageId))
                {
                    Properties = new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        [QueueProperty] = queueName,
                        [MessageIdProperty] = m.MessageId,
                        [ReceiptProperty] = m.Receipt,
                    },
                })).ToList(),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes the row of <paramref name="messageId"/>; <see langword="false"/> when there is none: the message was
    /// released (or never recorded), so its receipt is no longer this worker's to settle.
    /// </summary>
    public async Task<bool> TryForgetAsync(string queueName, string messageId, CancellationToken cancellationToken)
    {
        try
        {
            await table.ExecuteBatchAsync(
                [TableOperation.Delete(workerId, RowKey(queueName, messageId))],
                cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (TableConflictException)
        {
            return false;
        }
    }

    public static (string Queue, string MessageId, string Receipt) Read(TableEntity row) =>
        (row.Properties[QueueProperty], row.Properties[MessageIdProperty], row.Properties[ReceiptProperty]);

    private static string RowKey(string queueName, string messageId) => queueName + "|" + messageId;
}
