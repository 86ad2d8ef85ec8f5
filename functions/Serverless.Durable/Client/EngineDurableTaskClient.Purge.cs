using Microsoft.DurableTask.Client;
using Serverless.Durable.Engine;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Client;

public sealed partial class EngineDurableTaskClient
{
    /// <summary>
    /// Deletes a finished instance and its history. Purges nothing (count 0) when there is no such instance or it is still
    /// running (terminate it first). Recursive purges are not supported.
    /// </summary>
    /// <exception cref="NotSupportedException">A recursive purge was asked for.</exception>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ThrowIfRecursive(options);
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var rows = await _hub.Instances.QueryPartitionAsync(instanceId, cancellationToken: cancellation).ConfigureAwait(false);
        var instance = rows.FirstOrDefault(r => r.RowKey == RowKeys.Instance);
        if (instance is null || !InstanceRow.FromEntity(instance).Status.IsTerminal())
        {
            return new PurgeResult(0);
        }

        // The instance row goes last, guarded by its ETag, so a half-done purge can be finished by calling again.
        foreach (var chunk in rows.Where(r => r.RowKey != RowKeys.Instance).Chunk(TableBatch.MaxOperations))
        {
            await _hub.Instances.ExecuteBatchAsync(chunk.Select(r => TableOperation.Delete(r.PartitionKey, r.RowKey)).ToList(), cancellation).ConfigureAwait(false);
        }

        try
        {
            await _hub.Instances.ExecuteBatchAsync([TableOperation.Delete(instanceId, RowKeys.Instance, instance.ETag!)], cancellation).ConfigureAwait(false);
        }
        catch (TableConflictException)
        {
            // Restarted or purged by someone else meanwhile: not purged by this call.
            return new PurgeResult(0);
        }

        return new PurgeResult(1);
    }

    /// <summary>
    /// Purges every finished instance created in <see cref="PurgeInstancesFilter.CreatedFrom"/>..<see cref="PurgeInstancesFilter.CreatedTo"/>
    /// whose status is in <see cref="PurgeInstancesFilter.Statuses"/> (all finished statuses when empty). Running instances are never purged.
    /// </summary>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ThrowIfRecursive(options);
        var query = new OrchestrationQuery(
            filter.CreatedFrom,
            filter.CreatedTo,
            filter.Statuses?.ToList() is { Count: > 0 } statuses ? statuses : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            PageSize: 500);
        var purged = 0;
        await foreach (var instance in GetAllInstancesAsync(query).WithCancellation(cancellation).ConfigureAwait(false))
        {
            if (instance.IsCompleted)
            {
                purged += (await PurgeInstanceAsync(instance.InstanceId, options, cancellation).ConfigureAwait(false)).PurgedInstanceCount;
            }
        }

        return new PurgeResult(purged, isComplete: true);
    }

    private static void ThrowIfRecursive(PurgeInstanceOptions? options)
    {
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive purge is not supported by this engine: purge each sub-orchestration by its id.");
        }
    }
}
