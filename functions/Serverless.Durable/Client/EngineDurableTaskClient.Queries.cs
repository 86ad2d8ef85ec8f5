using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Engine;
using Serverless.Storage.Tables;
using CoreHistoryEvent = DurableTask.Core.History.HistoryEvent;

namespace Serverless.Durable.Client;

public sealed partial class EngineDurableTaskClient
{
    /// <inheritdoc />
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default)
    {
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var entity = await _hub.Instances.GetAsync(instanceId, RowKeys.Instance, cancellation).ConfigureAwait(false);
        return entity is null ? null : ToMetadata(InstanceRow.FromEntity(entity), getInputsAndOutputs);
    }

    /// <summary>
    /// Lists instances matching <paramref name="filter"/>, a page at a time (page size 1-1000, default 100). Task hub
    /// names are not a filter here: a client serves one task hub.
    /// </summary>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        filter ??= new OrchestrationQuery();
        ArgumentOutOfRangeException.ThrowIfLessThan(filter.PageSize, 1, nameof(filter));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(filter.PageSize, 1000, nameof(filter));
        return Pageable.Create((continuation, pageSize, cancellation) => QueryPageAsync(
            filter,
            continuation ?? filter.ContinuationToken,
            pageSize ?? filter.PageSize,
            cancellation));
    }

    /// <summary>
    /// The current execution's history, as the Durable Task Framework's history events (the types
    /// <see cref="DurableTaskClient.GetOrchestrationHistoryAsync"/> returns on every backend).
    /// </summary>
    /// <exception cref="InstanceNotFoundException">No instance has the id.</exception>
    public override async Task<IList<CoreHistoryEvent>> GetOrchestrationHistoryAsync(
        string instanceId,
        CancellationToken cancellation = default)
    {
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var rows = await _hub.Instances.QueryPartitionAsync(instanceId, cancellationToken: cancellation)
            .ConfigureAwait(false);
        var instanceEntity = rows.FirstOrDefault(r => r.RowKey == RowKeys.Instance)
            ?? throw new InstanceNotFoundException(instanceId);
        var instance = InstanceRow.FromEntity(instanceEntity);
        return HistoryRows.Read(rows, instance.ExecutionId)
            .Select(e => HistoryEventMapper.ToCore(e, instance))
            .ToList();
    }

    private async Task<Page<OrchestrationMetadata>> QueryPageAsync(
        OrchestrationQuery filter,
        string? continuation,
        int pageSize,
        CancellationToken cancellation)
    {
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var statuses = (filter.Statuses ?? []).Select(StoredStatusExtensions.FromRuntimeStatus).ToList();
        var filters = new List<PropertyFilter>();
        if (statuses.Count == 1)
        {
            filters.Add(new PropertyFilter("Status", FilterOperator.Equal, statuses[0]?.ToString() ?? "None"));
        }

        if (filter.CreatedFrom is { } from)
        {
            filters.Add(new PropertyFilter("CreatedAt", FilterOperator.GreaterThanOrEqual, Timestamps.Format(from)));
        }

        if (filter.CreatedTo is { } to)
        {
            filters.Add(new PropertyFilter("CreatedAt", FilterOperator.LessThan, Timestamps.Format(to)));
        }

        var page = await _hub.Instances.QueryAsync(
            new TableQuery
            {
                RowKey = RowKeys.Instance,
                Filters = filters,
                Top = pageSize,
                ContinuationToken = continuation,
            },
            cancellation).ConfigureAwait(false);
        var instances = page.Items
            .Select(InstanceRow.FromEntity)
            .Where(i => statuses.Count <= 1 || statuses.Contains(i.Status))
            .Where(i => filter.InstanceIdPrefix is not { } prefix || i.InstanceId.StartsWith(
                prefix,
                StringComparison.Ordinal))
            .Select(i => ToMetadata(i, filter.FetchInputsAndOutputs))
            .ToList();
        return new Page<OrchestrationMetadata>(instances, page.ContinuationToken);
    }

    private OrchestrationMetadata ToMetadata(InstanceRow row, bool withInputsAndOutputs) =>
        new(row.Name, row.InstanceId)
    {
        RuntimeStatus = row.Status.ToRuntimeStatus(),
        CreatedAt = row.CreatedAt,
        LastUpdatedAt = row.LastUpdatedAt,
        SerializedInput = withInputsAndOutputs ? row.Input : null,
        SerializedOutput = withInputsAndOutputs ? row.Output : null,
        SerializedCustomStatus = withInputsAndOutputs ? row.CustomStatus : null,
        FailureDetails = row.Failure?.ToTaskFailureDetails(),
        DataConverter = _converter,
    };
}
