using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Engine;
using Serverless.Storage.Tables;
using CoreHistoryEvent = DurableTask.Core.History.HistoryEvent;

namespace Serverless.Durable.Client;

public sealed partial class EngineDurableTaskClient
{
    /// <summary>
    /// The most instances one page of <see cref="GetAllInstancesAsync"/> reads: enough for a sparse filter to fill its
    /// page on any realistic hub, while a request over a huge hub stays bounded.
    /// </summary>
    public const int MaxScannedPerPage = 10_000;

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default)
    {
        var traced = await GetTracedInstanceAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
        return traced?.Metadata;
    }

    /// <summary>
    /// What <see cref="GetInstancesAsync(string, bool, CancellationToken)"/> returns, with the trace context stored at
    /// the instance's start, from the same one read; <see langword="null"/> for an unknown instance.
    /// </summary>
    public async Task<TracedInstance?> GetTracedInstanceAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default)
    {
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var entity = await _hub.Instances.GetAsync(instanceId, RowKeys.Instance, cancellation).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        var row = InstanceRow.FromEntity(entity);
        return new TracedInstance(ToMetadata(row, getInputsAndOutputs), row.TraceParent);
    }

    /// <summary>
    /// Lists instances matching <paramref name="filter"/>, a page at a time (page size 1-1000, default 100). Task hub
    /// names are not a filter here: a client serves one task hub.
    /// </summary>
    /// <remarks>
    /// A page holds the page size of matches whenever that many remain, however few instances match: the store reads
    /// on until it has them, up to <see cref="MaxScannedPerPage"/> instances per page. A page that reaches that bound
    /// first holds fewer (maybe none) and its continuation token resumes after the last instance read. (Durable
    /// Functions' Azure Storage backend may return short pages at any time.)
    /// </remarks>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        filter ??= new OrchestrationQuery();
        ArgumentOutOfRangeException.ThrowIfLessThan(filter.PageSize, 1, nameof(filter));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(filter.PageSize, 1000, nameof(filter));
        return Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var page = await GetTracedInstancesPageAsync(
                filter,
                continuation ?? filter.ContinuationToken,
                pageSize ?? filter.PageSize,
                cancellation).ConfigureAwait(false);
            return new Page<OrchestrationMetadata>(
                page.Values.Select(traced => traced.Metadata).ToList(),
                page.ContinuationToken);
        });
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

    /// <summary>
    /// One page of what <see cref="GetAllInstancesAsync"/> lists (the first after <paramref name="continuation"/>),
    /// each instance with the trace context stored at its start.
    /// </summary>
    public async Task<Page<TracedInstance>> GetTracedInstancesPageAsync(
        OrchestrationQuery filter,
        string? continuation,
        int pageSize,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var filters = new List<PropertyFilter>();
        if (filter.CreatedFrom is { } from)
        {
            filters.Add(new PropertyFilter("CreatedAt", FilterOperator.GreaterThanOrEqual, Timestamps.Format(from)));
        }

        if (filter.CreatedTo is { } to)
        {
            filters.Add(new PropertyFilter("CreatedAt", FilterOperator.LessThan, Timestamps.Format(to)));
        }

        // Every condition goes to the store, so its page holds pageSize matches however sparse they are.
        var page = await _hub.Instances.QueryAsync(
            new TableQuery
            {
                RowKey = RowKeys.Instance,
                PartitionKeyPrefix = string.IsNullOrEmpty(filter.InstanceIdPrefix) ? null : filter.InstanceIdPrefix,
                Filters = filters,
                AnyOf = (filter.Statuses ?? [])
                    .Select(s => StoredStatusExtensions.FromRuntimeStatus(s)?.ToString() ?? "None")
                    .Distinct(StringComparer.Ordinal)
                    .Select(s => new PropertyFilter("Status", FilterOperator.Equal, s))
                    .ToList(),
                Top = pageSize,
                MaxScanned = MaxScannedPerPage,
                ContinuationToken = continuation,
            },
            cancellation).ConfigureAwait(false);
        var instances = page.Items
            .Select(InstanceRow.FromEntity)
            .Select(row => new TracedInstance(ToMetadata(row, filter.FetchInputsAndOutputs), row.TraceParent))
            .ToList();
        return new Page<TracedInstance>(instances, page.ContinuationToken);
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

    private async Task<OrchestrationMetadata> PollAsync(
        string instanceId,
        bool getInputsAndOutputs,
        Func<OrchestrationMetadata,
        bool> done,
        CancellationToken cancellation)
    {
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false)
                ?? throw new InstanceNotFoundException(instanceId);
            if (done(metadata))
            {
                return metadata;
            }

            await Task.Delay(delay, _time, cancellation).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }
}
