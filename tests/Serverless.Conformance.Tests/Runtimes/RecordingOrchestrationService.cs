using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;
using Serverless.Conformance.Tests.Scenarios;
using Serverless.Baseline;

namespace Serverless.Conformance.Tests.Runtimes;

/// <summary>
/// Passes every call through to a DurableTask.Core backend and keeps a copy of each history it commits: the
/// <see cref="OrchestrationRuntimeState"/> handed to <see cref="CompleteTaskOrchestrationWorkItemAsync"/> is exactly
/// what the backend writes to its history store. The SDK's test sidecar cannot return a finished instance's history
/// (its <c>StreamInstanceHistory</c> serves only the episode in flight, and the in-memory backend's
/// <c>GetOrchestrationHistoryAsync</c> throws), so this is where the scheduled sequence of a run comes from. It is
/// also where what the sidecar commits is adapted to backends that serialize it (<see cref="SidecarMessages"/>).
/// </summary>
/// <param name="inner">The backend (in-memory or Azure Storage).</param>
internal sealed class RecordingOrchestrationService<TInner>(TInner inner)
    : IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServicePurgeClient, IInstanceHistorySource
    where TInner : IOrchestrationService, IOrchestrationServiceClient
{
    // instance id -> execution ids in order of first commit -> the latest committed events of that execution.
    private readonly ConcurrentDictionary<string,
    List<(string ExecutionId, IReadOnlyList<HistoryEvent> Events)>> _histories = new();

    // instance id -> the failure details the sidecar committed with a Failed status.
    private readonly ConcurrentDictionary<string, FailureDetails> _failures = new();

    // instance id -> how many of its orchestration work items the worker handed back (versioning's Reject).
    private readonly ConcurrentDictionary<string, int> _abandons = new();

    // instance ids whose orchestration work item is locked and not yet abandoned or released.
    private readonly ConcurrentDictionary<string, bool> _held = new();

    public TInner Inner => inner;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    /// <summary>
    /// The committed executions of <paramref name="instanceId"/>, oldest first, each with its latest history.
    /// </summary>
    public IReadOnlyList<(string ExecutionId, IReadOnlyList<HistoryEvent> Events)> Executions(string instanceId)
    {
        if (!_histories.TryGetValue(instanceId, out var executions))
        {
            return [];
        }

        lock (executions)
        {
            return [.. executions];
        }
    }

    /// <summary>How many orchestration work items of <paramref name="instanceId"/> were abandoned so far.</summary>
    public int Abandons(string instanceId) => _abandons.GetValueOrDefault(instanceId);

    /// <summary>Whether a work item of <paramref name="instanceId"/> is locked and not abandoned or released.</summary>
    public bool Holds(string instanceId) => _held.ContainsKey(instanceId);

    public Task<InstanceHistory> ReadAsync(string instanceId, CancellationToken cancellationToken)
        => Task.FromResult(new InstanceHistory(
            [.. Executions(instanceId).SelectMany(execution => HistoryScheduledWork.From(execution.Events))],
            _failures.TryGetValue(instanceId, out var failure) ? FailureOutcome.From(failure) : null,
            HistoryScheduledWork.StartVersion(Executions(instanceId) is [var first, ..] ? first.Events : [])));

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        // Recorded before the commit: once the backend has committed, a client may already see the terminal status
        // and read the history. A failed commit is retried by the dispatcher, whose next commit replaces this record.
        SidecarMessages.UsePlainTags(orchestratorMessages);
        SidecarMessages.UsePlainHistoryEvents(newOrchestrationRuntimeState);
        if (newOrchestrationRuntimeState.OrchestrationInstance is { } instance)
        {
            Record(instance.InstanceId, instance.ExecutionId, [.. newOrchestrationRuntimeState.Events]);
            if (orchestrationState?.FailureDetails is { } failure)
            {
                _failures[instance.InstanceId] = failure;
            }
        }

        await inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem,
            newOrchestrationRuntimeState,
            outboundMessages,
            orchestratorMessages,
            timerMessages,
            continuedAsNewMessage,
            orchestrationState);
    }

    private void Record(string instanceId, string executionId, IReadOnlyList<HistoryEvent> events)
    {
        var executions = _histories.GetOrAdd(instanceId, _ => []);
        lock (executions)
        {
            var index = executions.FindIndex(execution => execution.ExecutionId == executionId);
            if (index < 0)
            {
                executions.Add((executionId, events));
            }
            else
            {
                executions[index] = (executionId, events);
            }
        }
    }

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState)
        => inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) =>
        inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) =>
        inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(
        TimeSpan receiveTimeout,
        CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (workItem is not null)
        {
            _held[workItem.InstanceId] = true;
        }

        return workItem!;
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) =>
        inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
        _abandons.AddOrUpdate(workItem.InstanceId, 1, (_, count) => count + 1);
        _held.TryRemove(workItem.InstanceId, out _);
    }

    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        _held.TryRemove(workItem.InstanceId, out _);
    }

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(
        TimeSpan receiveTimeout,
        CancellationToken cancellationToken)
        => inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
        => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) =>
        inner.AbandonTaskActivityWorkItemAsync(workItem);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) =>
        inner.CreateTaskOrchestrationAsync(creationMessage);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
        => inner.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) =>
        inner.SendTaskOrchestrationMessageAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) =>
        inner.SendTaskOrchestrationMessageBatchAsync(messages);

    public Task<OrchestrationState> WaitForOrchestrationAsync(
        string instanceId,
        string executionId,
        TimeSpan timeout,
        CancellationToken cancellationToken)
        => inner.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        inner.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions)
        => inner.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId)
        => inner.GetOrchestrationStateAsync(instanceId, executionId);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) =>
        inner.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(
        DateTime thresholdDateTimeUtc,
        OrchestrationStateTimeRangeFilterType timeRangeFilterType)
        => inner.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    // The SDK's purge calls reach the backend through this interface (the sidecar refuses them without it).
    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) =>
        PurgeClient.PurgeInstanceStateAsync(instanceId);

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) =>
        PurgeClient.PurgeInstanceStateAsync(purgeInstanceFilter);

    private IOrchestrationServicePurgeClient PurgeClient => inner as IOrchestrationServicePurgeClient
        ?? throw new NotSupportedException($"{typeof(TInner).Name} does not purge.");
}
