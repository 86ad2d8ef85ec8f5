using System.Runtime.CompilerServices;
using Serverless.Durable.Engine;

namespace Serverless.Durable.Replay;

/// <summary>The in-flight instances of a Durable Functions task hub, in the engine's terms.</summary>
internal sealed class DurableFunctionsRecordedInstances(IDurableFunctionsTaskHub hub) : IRecordedInstances
{
    public async IAsyncEnumerable<IReadOnlyList<string>> ListInFlightAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in hub.ListInFlightAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return page.Select(row => row.PartitionKey).ToList();
        }
    }

    public async Task<RecordedExecution?> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var row = await hub.ReadInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (row?["ExecutionId"] is not { } executionId || !Enum.TryParse<StoredStatus>(row["RuntimeStatus"],
            out var status) || status is not (StoredStatus.Running or StoredStatus.Suspended))
        {
            return null;
        }

        var rows = await hub.ReadHistoryAsync(instanceId, executionId, cancellationToken).ConfigureAwait(false);
        var history = DurableFunctionsHistoryRows.Read(rows);
        if (history.Count == 0)
        {
            return null;
        }

        var started = history.FirstOrDefault(e => e.Type == History.HistoryEventType.ExecutionStarted);
        var instance = new InstanceRow(
            DurableFunctionsHistoryRows.UnescapeKey(instanceId),
            row["Name"] ?? started?.Name ?? string.Empty,
            executionId,
            status)
        {
            Input = started?.Input,
            Version = started?.Version ?? (string.IsNullOrEmpty(row["Version"]) ? null : row["Version"]),
        };
        return new RecordedExecution(instance, history);
    }
}
