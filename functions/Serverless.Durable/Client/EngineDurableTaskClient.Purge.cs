using Microsoft.DurableTask.Client;
using Serverless.Durable.Retention;

namespace Serverless.Durable.Client;

public sealed partial class EngineDurableTaskClient
{
    /// <summary>
    /// Deletes a finished instance and its history. Purges nothing (count 0) when there is no such instance, it is
    /// still running (terminate it first), or what it sends on finishing (a sub-orchestration's result to its parent)
    /// is not delivered yet (the sweep delivers it; purge again then). Safe to run concurrently with other purges of
    /// the same instance: exactly one of them counts it. Recursive purges are not supported.
    /// </summary>
    /// <exception cref="NotSupportedException">A recursive purge was asked for.</exception>
    public override async Task<PurgeResult> PurgeInstanceAsync(
        string instanceId,
        PurgeInstanceOptions? options = null,
        CancellationToken cancellation = default)
    {
        ThrowIfRecursive(options);
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        return new PurgeResult(await InstancePurger.PurgeAsync(
            _hub,
            instanceId,
            mayPurge: null,
            cancellation).ConfigureAwait(false)
            ? 1
            : 0);
    }

    /// <summary>
    /// Purges every finished instance created in
    /// <see cref="PurgeInstancesFilter.CreatedFrom"/>..<see cref="PurgeInstancesFilter.CreatedTo"/> whose status is in
    /// <see cref="PurgeInstancesFilter.Statuses"/> (all finished statuses when empty). Running instances are never
    /// purged.
    /// </summary>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter,
        PurgeInstanceOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ThrowIfRecursive(options);
        var query = new OrchestrationQuery(
            filter.CreatedFrom,
            filter.CreatedTo,
            filter.Statuses?.ToList() is { Count: > 0 } statuses
                ? statuses
                : [
                    OrchestrationRuntimeStatus.Completed,
                    OrchestrationRuntimeStatus.Failed,
                    OrchestrationRuntimeStatus.Terminated],
            PageSize: 500);
        var purged = 0;
        await foreach (var instance in GetAllInstancesAsync(query).WithCancellation(cancellation).ConfigureAwait(false))
        {
            if (instance.IsCompleted)
            {
                purged += (await PurgeInstanceAsync(
                    instance.InstanceId,
                    options,
                    cancellation).ConfigureAwait(false)).PurgedInstanceCount;
            }
        }

        return new PurgeResult(purged, isComplete: true);
    }

    private static void ThrowIfRecursive(PurgeInstanceOptions? options)
    {
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive purge is not supported by this engine: purge each " +
                "sub-orchestration by its id.");
        }
    }
}
