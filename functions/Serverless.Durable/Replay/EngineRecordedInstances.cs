using System.Runtime.CompilerServices;
using Serverless.Durable.Client;
using Serverless.Durable.Engine;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Replay;

/// <summary>
/// The in-flight instances of the engine's own task hub (running or suspended; a pending one has no history).
/// </summary>
internal sealed class EngineRecordedInstances(TaskHubStorage hub) : IRecordedInstances
{
    private const int PageSize = 1000;

    public async IAsyncEnumerable<IReadOnlyList<string>> ListInFlightAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await hub.Instances.QueryAsync(InFlight(continuation), cancellationToken).ConfigureAwait(false);
            yield return page.Items.Select(entity => entity.PartitionKey).ToList();
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }

    public async Task<RecordedExecution?> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = await hub.Instances.QueryPartitionAsync(instanceId, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (rows.FirstOrDefault(r => r.RowKey == RowKeys.Instance) is not { } entity)
        {
            return null;
        }

        var instance = InstanceRow.FromEntity(entity);
        var history = HistoryRows.Read(rows, instance.ExecutionId);
        return instance.Status.IsTerminal() || history.Count == 0 ? null : new RecordedExecution(instance, history);
    }

    private static TableQuery InFlight(string? continuation) => new()
    {
        RowKey = RowKeys.Instance,
        AnyOf =
        [
            new PropertyFilter("Status", FilterOperator.Equal, nameof(StoredStatus.Running)),
            new PropertyFilter("Status", FilterOperator.Equal, nameof(StoredStatus.Suspended)),
        ],
        Top = PageSize,
        MaxScanned = EngineDurableTaskClient.MaxScannedPerPage,
        ContinuationToken = continuation,
    };
}
