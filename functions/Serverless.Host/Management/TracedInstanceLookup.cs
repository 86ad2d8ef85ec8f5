using Microsoft.DurableTask.Client;
using Serverless.Durable.Client;

namespace Serverless.Host.Management;

/// <summary>Reads an instance with its stored trace context where the client is the engine's.</summary>
internal static class TracedInstanceLookup
{
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
