using Serverless.Durable.Engine;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Retention;

/// <summary>
/// Deletes one finished instance's partition (instance row, history, inbox) so that any number of purgers may run at
/// once: every delete is guarded by the row's ETag and, while more than one batch is needed, by the instance row's
/// (rewritten unchanged with each chunk), and the instance row goes last, in the batch of the final rows. Exactly one
/// purger's last batch succeeds, so exactly one reports the instance as purged; a lost race is a re-read, never an
/// error.
/// </summary>
internal static class InstancePurger
{
    // One batch holds the instance row's guard plus this many other rows.
    private const int RowsPerChunk = TableBatch.MaxOperations - 1;
    private const int Attempts = 8;

    /// <summary>
    /// Purges <paramref name="instanceId"/> when it is finished, its outbox is empty (what it sends, e.g. its result to
    /// a parent, has been delivered), and <paramref name="mayPurge"/> (when given) agrees; returns whether this call
    /// deleted it.
    /// </summary>
    public static async Task<bool> PurgeAsync(
        TaskHubStorage hub,
        string instanceId,
        Func<InstanceRow,
        CancellationToken,
        Task<bool>>? mayPurge,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var rows = await hub.Instances.QueryPartitionAsync(instanceId, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            var instanceEntity = rows.FirstOrDefault(r => r.RowKey == RowKeys.Instance);
            if (instanceEntity is null)
            {
                return false;
            }

            var instance = InstanceRow.FromEntity(instanceEntity);
            if (!instance.Status.IsTerminal()
                || rows.Any(r => RowKeys.IsOutbox(r.RowKey))
                || (mayPurge is not null && !await mayPurge(instance, cancellationToken).ConfigureAwait(false)))
            {
                // An undelivered outbox (a crash between commit and dispatch) is the sweep's to deliver; purge after
                // it.
                return false;
            }

            try
            {
                await DeleteAsync(
                    hub.Instances,
                    instanceEntity,
                    rows.Where(r => r.RowKey != RowKeys.Instance).ToList(),
                    cancellationToken)
                    .ConfigureAwait(false);
                return true;
            }
            catch (TableConflictException)
            {
                // Another purger (or a restart, or a late message) changed the partition: read it again and decide
                // anew.
            }
        }

        return false;
    }

    private static async Task DeleteAsync(
        ITable table,
        TableEntity instance,
        List<TableEntity> others,
        CancellationToken cancellationToken)
    {
        var instanceETag = instance.ETag!;
        var offset = 0;
        for (; others.Count - offset > RowsPerChunk; offset += RowsPerChunk)
        {
            var chunk = others.Skip(offset)
                .Take(RowsPerChunk)
                .Select(Delete)
                .Prepend(TableOperation.Replace(instance, instanceETag))
                .ToList();
            var etags = await table.ExecuteBatchAsync(chunk, cancellationToken).ConfigureAwait(false);
            instanceETag = etags[0]!;
        }

        var last = others.Skip(offset)
            .Select(Delete)
            .Append(TableOperation.Delete(instance.PartitionKey, instance.RowKey, instanceETag))
            .ToList();
        await table.ExecuteBatchAsync(last, cancellationToken).ConfigureAwait(false);
    }

    private static TableOperation Delete(TableEntity row) =>
        TableOperation.Delete(row.PartitionKey, row.RowKey, row.ETag ?? TableOperation.AnyETag);
}
