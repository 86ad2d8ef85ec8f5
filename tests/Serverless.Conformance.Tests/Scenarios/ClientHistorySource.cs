using DurableTask.Core.History;
using Microsoft.DurableTask.Client;

namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>
/// Reads an instance's history through <see cref="DurableTaskClient.GetOrchestrationHistoryAsync"/>: for a runtime
/// whose client serves finished instances' histories as DurableTask.Core events (our engine's client does; the SDK's
/// gRPC test sidecar does not, it streams only the episode in flight). The scheduled work spans every generation the
/// client returns; the failure is the one on the <see cref="ExecutionCompletedEvent"/>.
/// </summary>
/// <param name="client">The runtime's client.</param>
public sealed class ClientHistorySource(DurableTaskClient client) : IInstanceHistorySource
{
    /// <inheritdoc/>
    public async Task<InstanceHistory> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var events = await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken);
        var completed = events.OfType<ExecutionCompletedEvent>().LastOrDefault();
        return new InstanceHistory(
            [.. HistoryScheduledWork.From(events)],
            FailureOutcome.From(completed?.FailureDetails),
            HistoryScheduledWork.StartVersion(events));
    }
}
