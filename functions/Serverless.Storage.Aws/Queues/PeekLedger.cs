using System.Globalization;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Aws.Queues;

/// <summary>
/// The receives that only looked at a message (a peek, the search of a move or delete), kept so that they do not count
/// as deliveries. SQS has no peek: looking at a message means receiving it, which raises its
/// <c>ApproximateReceiveCount</c>. Each look is a row (queue, SQS message id, the receive count it raised the message
/// to) in the logical table <see cref="TableName"/>; a message's dequeue count is its receive count less its rows. A
/// message received for the first time cannot have been looked at, so the common receive reads nothing here.
/// </summary>
internal sealed class PeekLedger(ITable table)
{
    public const string TableName = "QueuePeeks";

    public async Task RecordAsync(
        string queueName,
        IEnumerable<(string SqsMessageId, int ReceiveCount)> looks,
        CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in looks.Chunk(100))
        {
            await table.ExecuteBatchAsync(
                chunk.Select(l => TableOperation.Upsert(
                    new TableEntity(queueName, RowKey(l.SqsMessageId, l.ReceiveCount)))).ToList(),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How many of the first <paramref name="receiveCount"/> receives of the message were looks.</summary>
    public async Task<int> CountAsync(
        string queueName,
        string sqsMessageId,
        int receiveCount,
        CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.QueryPartitionAsync(queueName, sqsMessageId + "|", cancellationToken)
            .ConfigureAwait(false);
        return rows.Count(r => ReceiveCount(r.RowKey) <= receiveCount);
    }

    /// <summary>Deletes the rows of a message that is gone; a failure leaves rows no receive will read again.</summary>
    public async Task ForgetAsync(string queueName, string sqsMessageId, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await table.QueryPartitionAsync(queueName, sqsMessageId + "|", cancellationToken)
                .ConfigureAwait(false);
            if (rows.Count > 0)
            {
                await table.ExecuteBatchAsync(
                    rows.Take(100).Select(r => TableOperation.Delete(queueName, r.RowKey)).ToList(),
                    cancellationToken).ConfigureAwait(false);
            }
        }
        catch (StorageException)
        {
            // SQS never reuses a message id: a row left behind is never counted again.
        }
    }

    private static string RowKey(string sqsMessageId, int receiveCount) =>
        sqsMessageId + "|" + receiveCount.ToString("D10", CultureInfo.InvariantCulture);

    private static int ReceiveCount(string rowKey) =>
        int.Parse(rowKey.AsSpan(rowKey.LastIndexOf('|') + 1), CultureInfo.InvariantCulture);
}
