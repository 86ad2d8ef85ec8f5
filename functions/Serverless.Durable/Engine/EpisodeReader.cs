namespace Serverless.Durable.Engine;

/// <summary>
/// Reads what an episode needs of one instance partition. For a cached execution, first only the instance row and the
/// inbox: enough while the instance row still has the ETag of the commit that cached it (no other worker has run an
/// episode since). Otherwise, or without a cached execution, the whole partition.
/// </summary>
internal sealed class EpisodeReader(TaskHubStorage hub)
{
    /// <summary>
    /// Reads the partition, only its instance row and inbox where <paramref name="cached"/> is current; never none.
    /// </summary>
    public async Task<EpisodeSnapshot?> ReadAsync(
        string instanceId, CachedExecution? cached, CancellationToken cancellationToken)
    {
        if (cached is not null)
        {
            var rows = await hub.Instances
                .QueryPartitionAsync(instanceId, RowKeys.InstanceAndInboxPrefix, cancellationToken)
                .ConfigureAwait(false);
            if (EpisodeSnapshot.FindInstance(rows) is { } instance && instance.ETag == cached.InstanceETag)
            {
                return new EpisodeSnapshot(instanceId, rows, instance, cached);
            }
        }

        var partition = await hub.Instances.QueryPartitionAsync(instanceId, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return new EpisodeSnapshot(instanceId, partition, EpisodeSnapshot.FindInstance(partition), null);
    }
}
