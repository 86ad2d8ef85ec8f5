using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Durable.History;
using Serverless.Durable.Serialization;

namespace Serverless.Durable.Engine;

internal sealed partial class OrchestrationExecutor
{
    private PendingTask Schedule(
        HistoryEventType kind,
        string name,
        Func<int,
        StoredHistoryEvent> scheduled,
        Func<int,
        IReadOnlyList<OutboxMessage>> messages)
    {
        var taskId = _nextTaskId++;
        var task = new PendingTask(taskId, kind, name) { Scheduled = scheduled(taskId), Messages = messages(taskId) };
        _tasks.Add(taskId, task);
        return task;
    }

    private Task<string?> CallActivityOnceAsync(string name, string? input, int attempt)
    {
        var task = Schedule(
            HistoryEventType.TaskScheduled,
            name,
            id => new StoredHistoryEvent(
                HistoryEventType.TaskScheduled,
                _currentUtcDateTime) { TaskId = id, Name = name, Input = input },
            id => [new OutboxMessage(OutboxMessageKind.Send)
            {
                Queue = _queueOf(name),
                Body = JsonSerializer.Serialize(
                    new ActivityWorkItem(_instance.InstanceId, _instance.ExecutionId, id, name, input)
                    {
                        ScheduledAt = _currentUtcDateTime,
                        Version = string.IsNullOrEmpty(_instance.Version) ? null : _instance.Version,
                        Attempt = attempt == 1 ? null : attempt,
                        TraceParent = Trace?.TraceParent,
                        TraceState = Trace?.TraceState,
                    },
                    DurableJsonContext.Stored.ActivityWorkItem),
            }]);
        return task.Completion.Task;
    }

    private Task<string?> CallSubOrchestratorOnceAsync(string name, string? input, string? instanceId, string? version)
    {
        var executionId = _instance.ExecutionId;

        // Task ids restart at 0 after continue-as-new: the execution id keeps each execution's children apart.
        string ChildId(int taskId) => instanceId ?? $"{_instance.InstanceId}:{executionId}:{taskId}";
        var task = Schedule(
            HistoryEventType.SubOrchestrationInstanceCreated,
            name,
            id => new StoredHistoryEvent(
                HistoryEventType.SubOrchestrationInstanceCreated,
                _currentUtcDateTime)
            {
                TaskId = id,
                Name = name,
                Input = input,
                InstanceId = ChildId(id),
                Version = version,
            },
            id => [new OutboxMessage(OutboxMessageKind.Start)
            {
                InstanceId = ChildId(id),
                Name = name,
                Input = input,
                Version = version,
                Parent = new ParentInstance(_instance.InstanceId, executionId, id, _instance.Name),
                TraceParent = Trace?.TraceParent,
                TraceState = Trace?.TraceState,
            }]);
        return task.Completion.Task;
    }

    private Task<string?> CreateTimerCore(DateTimeOffset fireAt, CancellationToken cancellationToken = default)
    {
        var task = Schedule(
            HistoryEventType.TimerCreated,
            string.Empty,
            id => new StoredHistoryEvent(
                HistoryEventType.TimerCreated,
                _currentUtcDateTime) { TaskId = id, FireAt = fireAt },
            _ => []);

        // A cancelled timer stays in history (it was scheduled); only its task ends, and its firing later changes
        // nothing.
        cancellationToken.Register(() => task.Completion.TrySetCanceled(cancellationToken));
        return task.Completion.Task;
    }

    private void SendEventCore(string instanceId, string eventName, string? payload)
    {
        var sender = $"{_instance.InstanceId}:{_instance.ExecutionId}";
        Schedule(
            HistoryEventType.EventSent,
            eventName,
            id => new StoredHistoryEvent(
                HistoryEventType.EventSent,
                _currentUtcDateTime) { TaskId = id, Name = eventName, Input = payload, InstanceId = instanceId },
            id => [new OutboxMessage(OutboxMessageKind.Deliver)
            {
                InstanceId = instanceId,
                ExecutionId = string.Empty,
                InboxKey = RowKeys.Event($"{sender}:{id}"),
                Event = new StoredHistoryEvent(
                    HistoryEventType.EventRaised,
                    _currentUtcDateTime) { Name = eventName, Input = payload, EventId = $"{sender}:{id}" },
                TraceParent = Trace?.TraceParent,
                TraceState = Trace?.TraceState,
            }]);
    }

    private async Task<T> ReceiveEventAsync<T>(string eventName, CancellationToken cancellationToken)
    {
        var buffered = _bufferedEvents.FindIndex(e => string.Equals(
            e.Name,
            eventName,
            StringComparison.OrdinalIgnoreCase));
        if (buffered >= 0)
        {
            var raised = _bufferedEvents[buffered];
            _bufferedEvents.RemoveAt(buffered);
            return ReadEvent<T>(raised.Input, eventName);
        }

        var waiter = new TaskCompletionSource<string?>();
        _eventWaiters.Add((eventName, waiter));
        cancellationToken.Register(() =>
        {
            _eventWaiters.RemoveAll(w => w.Waiter == waiter);
            waiter.TrySetCanceled(cancellationToken);
        });
        return ReadEvent<T>(await waiter.Task, eventName);
    }

    private T Read<T>(string? json) => json is null ? default! : _converter.Deserialize<T>(json)!;

    // The SDK's runtimes cast a missing event payload to T: for a non-nullable struct that throws, and so does this, so
    // that code which would fail on Durable Functions fails here too rather than carry on with a default value.
// CA2201: the very exception type the SDK's runtimes fail with, so a failure reads the same on both.
#pragma warning disable CA2201
    private T ReadEvent<T>(string? json, string eventName) =>
        json is null && typeof(T).IsValueType && Nullable.GetUnderlyingType(typeof(T)) is null
        ? throw new NullReferenceException($"Event '{eventName}' has no payload, which cannot be read as the value " +
            $"type {typeof(T).Name}; wait for {typeof(T).Name}? instead.")
        : Read<T>(json);
#pragma warning restore CA2201

    private sealed class ExecutorContext(OrchestrationExecutor executor) : TaskOrchestrationContext
    {
        public override TaskName Name => new(executor._instance.Name);

        public override string InstanceId => executor._instance.InstanceId;

        public override ParentOrchestrationInstance? Parent =>
            executor._instance.Parent is { } parent
                ? new ParentOrchestrationInstance(new TaskName(parent.Name ?? string.Empty), parent.InstanceId)
                : null;

        public override bool IsReplaying => executor._isReplaying;

        public override string Version => executor._instance.Version ?? string.Empty;

        public override DateTime CurrentUtcDateTime => executor._currentUtcDateTime.UtcDateTime;

        protected override ILoggerFactory LoggerFactory => executor._loggerFactory;

        public override T GetInput<T>() => executor._input is T input ? input : default!;

        public override async Task<TResult> CallActivityAsync<TResult>(
            TaskName name,
            object? input = null,
            TaskOptions? options = null)
        {
            var json = executor._converter.Serialize(input);
            var result = await executor.WithRetriesAsync(
                name.Name,
                attempt => executor.CallActivityOnceAsync(name.Name, json, attempt),
                options?.Retry,
                activity: true);
            return executor.Read<TResult>(result);
        }

        public override async Task<TResult> CallSubOrchestratorAsync<TResult>(
            TaskName orchestratorName,
            object? input = null,
            TaskOptions? options = null)
        {
            var json = executor._converter.Serialize(input);
            var instanceId = (options as SubOrchestrationOptions)?.InstanceId;
            // Null: the worker's default version, chosen when the child is started (as the SDK's worker does).
            var version = (options as SubOrchestrationOptions)?.Version?.Version;
            var result = await executor.WithRetriesAsync(
                orchestratorName.Name,
                _ => executor.CallSubOrchestratorOnceAsync(orchestratorName.Name, json, instanceId, version),
                options?.Retry);
            return executor.Read<TResult>(result);
        }

        public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) =>
            executor.CreateTimerCore(
                new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc)),
                cancellationToken);

        public override Task<T> WaitForExternalEvent<T>(
            string eventName,
            CancellationToken cancellationToken = default) =>
            executor.ReceiveEventAsync<T>(eventName, cancellationToken);

        public override void SendEvent(string instanceId, string eventName, object payload)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
            ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
            executor.SendEventCore(instanceId, eventName, executor._converter.Serialize(payload));
        }

        public override void SetCustomStatus(object? customStatus) =>
            executor.CustomStatus = executor._converter.Serialize(customStatus);

        public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
            executor._continueAsNew = (executor._converter.Serialize(newInput), preserveUnprocessedEvents);

        public override void ContinueAsNew(ContinueAsNewOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            ContinueAsNew(options.NewInput, options.PreserveUnprocessedEvents);
            executor._nextVersion = string.IsNullOrWhiteSpace(options.NewVersion) ? null : options.NewVersion;
        }

        public override Guid NewGuid()
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(
                Encoding.UTF8.GetBytes($"{InstanceId}:{executor._instance.ExecutionId}:guid:{executor._guidCounter++}"),
                hash);
            var bytes = hash[..16];
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5 (name-based)
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
            return new Guid(bytes);
        }
    }
}
