using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Client;

namespace Serverless.Host.Management;

/// <summary>Reads instances with their stored trace contexts where the client is the engine's.</summary>
internal static class TracedInstanceLookup
{
    /// <summary>
    /// The first page of <paramref name="query"/> after its continuation token, each instance with its trace where
    /// known.
    /// </summary>
    /// <exception cref="ArgumentException">The continuation token is not one the client issued.</exception>
    public static async Task<Page<TracedInstance>> ListTracedAsync(
        this DurableTaskClient client,
        OrchestrationQuery query,
        CancellationToken cancellationToken)
    {
        if (client is EngineDurableTaskClient engine)
        {
            return await engine.GetTracedInstancesPageAsync(
                query, query.ContinuationToken, query.PageSize, cancellationToken);
        }

        var page = await client.GetAllInstancesAsync(query)
            .AsPages(query.ContinuationToken, query.PageSize)
            .FirstAsync(cancellationToken);
        return new Page<TracedInstance>(
            page.Values.Select(metadata => new TracedInstance(metadata, TraceParent: null)).ToList(),
            page.ContinuationToken);
    }

    /// <summary>The instance with its inputs and outputs, and its trace where known; none for an unknown one.</summary>
    public static async Task<TracedInstance?> FindTracedAsync(
        this DurableTaskClient client,
        string instanceId,
        CancellationToken cancellationToken) =>
        client is EngineDurableTaskClient engine
            ? await engine.GetTracedInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken)
            : await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) is { } found
                ? new TracedInstance(found, TraceParent: null)
                : null;
}
