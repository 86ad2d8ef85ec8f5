using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Serverless.Durable.Engine;
using Serverless.Durable.History;
using Serverless.Durable.Serialization;
using Serverless.Storage;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Client;

/// <summary>Starts, inspects and controls orchestration instances. Thread-safe; register one per process.</summary>
public sealed class DurableTaskClient
{
    private readonly TaskHubStorage _hub;
    private readonly TimeProvider _time;

    /// <summary>Creates a client of the task hub named in <paramref name="options"/>.</summary>
    public DurableTaskClient(IStorageProvider storage, IOptions<DurableTaskOptions> options, TimeProvider? timeProvider = null)
    {
        _hub = new TaskHubStorage(storage, TaskHubStorage.Resolve(options.Value.TaskHub));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Starts an instance of <paramref name="orchestrator"/> and returns its id. Idempotent on
    /// <paramref name="instanceId"/>: starting an id that exists returns it unchanged (and re-sends its wake-up if it has
    /// not run yet).
    /// </summary>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync<TInput, TOutput>(
        OrchestratorRef<TInput, TOutput> orchestrator,
        TInput input,
        string? instanceId = null,
        CancellationToken cancellationToken = default)
    {
        instanceId ??= Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var pending = new InstanceRow(instanceId, orchestrator.Name, Guid.NewGuid().ToString("N"), OrchestrationStatus.Pending)
        {
            Input = JsonSerializer.Serialize(input, orchestrator.Input),
            CreatedAt = now,
            LastUpdatedAt = now,
            NextWakeAt = now,
        };
        await _hub.StartAsync(pending, cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>Reads an instance's state (and its current execution's history, if asked), or <see langword="null"/> if there is none.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool includeHistory = false, CancellationToken cancellationToken = default)
    {
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        if (!includeHistory)
        {
            var entity = await _hub.Instances.GetAsync(instanceId, RowKeys.Instance, cancellationToken).ConfigureAwait(false);
            return entity is null ? null : ToMetadata(InstanceRow.FromEntity(entity));
        }

        var rows = await _hub.Instances.QueryPartitionAsync(instanceId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var instanceEntity = rows.FirstOrDefault(r => r.RowKey == RowKeys.Instance);
        if (instanceEntity is null)
        {
            return null;
        }

        var instance = InstanceRow.FromEntity(instanceEntity);
        var history = rows
            .Where(r => r.RowKey.StartsWith(RowKeys.HistoryOf(instance.ExecutionId), StringComparison.Ordinal))
            .SelectMany(r => JsonSerializer.Deserialize(r["Events"]!, DurableJsonContext.Default.ListHistoryEvent)!)
            .ToList();
        return ToMetadata(instance) with { History = history };
    }

    /// <summary>Lists instances matching <paramref name="query"/>, one page at a time.</summary>
    public async Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000);
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var filters = new List<PropertyFilter>();
        if (query.Statuses.Count == 1)
        {
            filters.Add(new PropertyFilter("Status", FilterOperator.Equal, query.Statuses.First().ToString()));
        }

        if (query.Name is { } name)
        {
            filters.Add(new PropertyFilter("Name", FilterOperator.Equal, name));
        }

        if (query.CreatedFrom is { } from)
        {
            filters.Add(new PropertyFilter("CreatedAt", FilterOperator.GreaterThanOrEqual, Timestamps.Format(from)));
        }

        if (query.CreatedTo is { } to)
        {
            filters.Add(new PropertyFilter("CreatedAt", FilterOperator.LessThan, Timestamps.Format(to)));
        }

        var page = await _hub.Instances.QueryAsync(
            new TableQuery { RowKey = RowKeys.Instance, Filters = filters, Top = query.PageSize, ContinuationToken = query.ContinuationToken },
            cancellationToken).ConfigureAwait(false);
        var instances = page.Items
            .Select(InstanceRow.FromEntity)
            .Where(i => query.Statuses.Count <= 1 || query.Statuses.Contains(i.Status))
            .Select(ToMetadata)
            .ToList();
        return new OrchestrationQueryResult(instances, page.ContinuationToken);
    }

    /// <summary>
    /// Raises an event to an instance. <paramref name="eventId"/> makes the raise idempotent: raising the same id twice
    /// delivers one event to the current execution, even when the first was applied long before. Returns <see langword="false"/> when the instance has already finished.
    /// </summary>
    /// <exception cref="InstanceNotFoundException">No instance has the id.</exception>
    public async Task<bool> RaiseEventAsync(string instanceId, string eventName, string? serializedPayload = null, string? eventId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var instance = await GetRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (instance.Status.IsTerminal())
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var raised = new HistoryEvent(HistoryEventType.EventRaised, now) { Name = eventName, Input = serializedPayload, EventId = eventId };
        await _hub.DeliverAsync(new InboxRow(instanceId, RowKeys.Event(eventId ?? Guid.NewGuid().ToString("N")), instance.ExecutionId, raised, now), now, cancellationToken)
            .ConfigureAwait(false);
        return true;
    }

    /// <summary>Raises an event with a typed payload. See <see cref="RaiseEventAsync(string, string, string?, string?, CancellationToken)"/>.</summary>
    public Task<bool> RaiseEventAsync<T>(string instanceId, string eventName, T payload, JsonTypeInfo<T> payloadType, string? eventId = null, CancellationToken cancellationToken = default) =>
        RaiseEventAsync(instanceId, eventName, JsonSerializer.Serialize(payload, payloadType), eventId, cancellationToken);

    /// <summary>Asks an instance to stop. Returns <see langword="false"/> when it has already finished.</summary>
    /// <exception cref="InstanceNotFoundException">No instance has the id.</exception>
    public async Task<bool> TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var instance = await GetRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (instance.Status.IsTerminal())
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var terminated = new HistoryEvent(HistoryEventType.ExecutionTerminated, now) { Result = JsonSerializer.Serialize(reason ?? "Terminated", DurableJsonContext.Default.String) };
        await _hub.DeliverAsync(new InboxRow(instanceId, RowKeys.Terminate, instance.ExecutionId, terminated, now), now, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Deletes a finished instance and its history. Returns <see langword="false"/> when there is no such instance or it is
    /// still running (terminate it first).
    /// </summary>
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var rows = await _hub.Instances.QueryPartitionAsync(instanceId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var instance = rows.FirstOrDefault(r => r.RowKey == RowKeys.Instance);
        if (instance is null || !InstanceRow.FromEntity(instance).Status.IsTerminal())
        {
            return false;
        }

        // The instance row goes last, guarded by its ETag, so a half-done purge can be finished by calling again.
        foreach (var chunk in rows.Where(r => r.RowKey != RowKeys.Instance).Chunk(TableBatch.MaxOperations))
        {
            await _hub.Instances.ExecuteBatchAsync(chunk.Select(r => TableOperation.Delete(r.PartitionKey, r.RowKey)).ToList(), cancellationToken).ConfigureAwait(false);
        }

        await _hub.Instances.ExecuteBatchAsync([TableOperation.Delete(instanceId, RowKeys.Instance, instance.ETag!)], cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Waits until the instance finishes, polling with back-off, and returns its final state.</summary>
    /// <exception cref="InstanceNotFoundException">No instance has the id.</exception>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var metadata = await GetInstanceAsync(instanceId, cancellationToken: cancellationToken).ConfigureAwait(false)
                ?? throw new InstanceNotFoundException(instanceId);
            if (metadata.IsCompleted)
            {
                return metadata;
            }

            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    private async Task<InstanceRow> GetRowAsync(string instanceId, CancellationToken cancellationToken)
    {
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var entity = await _hub.Instances.GetAsync(instanceId, RowKeys.Instance, cancellationToken).ConfigureAwait(false)
            ?? throw new InstanceNotFoundException(instanceId);
        return InstanceRow.FromEntity(entity);
    }

    private static OrchestrationMetadata ToMetadata(InstanceRow row) => new(row.InstanceId, row.Name, row.Status)
    {
        CreatedAt = row.CreatedAt,
        LastUpdatedAt = row.LastUpdatedAt,
        SerializedInput = row.Input,
        SerializedOutput = row.Output,
        CustomStatus = row.CustomStatus,
        FailureDetails = row.Failure,
    };

    private static void ValidateInstanceId(string instanceId)
    {
        if (instanceId.Length is 0 or > 256 || instanceId.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?'))
        {
            throw new ArgumentException("An instance id is 1-256 characters without '/', '\\', '#', '?' or control characters.", nameof(instanceId));
        }
    }
}
