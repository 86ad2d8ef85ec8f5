using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Serverless.Durable.History;
using Serverless.Durable.Serialization;

namespace Serverless.Durable.Engine;

internal sealed partial class OrchestrationExecutor
{
    private PendingTask Schedule(HistoryEventType kind, string name, Func<int, HistoryEvent> scheduled, Func<int, IReadOnlyList<OutboxMessage>> messages)
    {
        var taskId = _nextTaskId++;
        var task = new PendingTask(taskId, kind, name) { Scheduled = scheduled(taskId), Messages = messages(taskId) };
        _tasks.Add(taskId, task);
        return task;
    }

    private async Task<string?> CallActivityOnceAsync(string name, string? queue, string input)
    {
        var task = Schedule(
            HistoryEventType.TaskScheduled,
            name,
            id => new HistoryEvent(HistoryEventType.TaskScheduled, _currentUtcDateTime) { TaskId = id, Name = name, Input = input },
            id => [new OutboxMessage(OutboxMessageKind.Send)
            {
                Queue = queue ?? _options.DefaultActivityQueue,
                Body = JsonSerializer.Serialize(new ActivityWorkItem(_instance.InstanceId, _instance.ExecutionId, id, name, input), DurableJsonContext.Default.ActivityWorkItem),
            }]);
        return await task.Completion.Task;
    }

    private Task<string?> CreateTimerCore(DateTimeOffset fireAt)
    {
        var task = Schedule(
            HistoryEventType.TimerCreated,
            string.Empty,
            id => new HistoryEvent(HistoryEventType.TimerCreated, _currentUtcDateTime) { TaskId = id, FireAt = fireAt },
            _ => []);
        return task.Completion.Task;
    }

    /// <summary>A number in [0, 1) that is the same on every replay of this task, for retry jitter.</summary>
    private double DeterministicSample(int seed)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{_instance.InstanceId}:{_instance.ExecutionId}:{seed}"), hash);
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }

    private sealed class ExecutorContext(OrchestrationExecutor executor) : TaskOrchestrationContext
    {
        public override string InstanceId => executor._instance.InstanceId;

        public override string Name => executor._instance.Name;

        public override bool IsReplaying => executor._isReplaying;

        public override DateTimeOffset CurrentUtcDateTime => executor._currentUtcDateTime;

        public override async Task<TOutput> CallActivityAsync<TInput, TOutput>(ActivityRef<TInput, TOutput> activity, TInput input, RetryPolicy? retryPolicy = null)
        {
            var json = JsonSerializer.Serialize(input, activity.Input);
            for (var attempt = 1; ; attempt++)
            {
                var taskId = executor._nextTaskId;
                try
                {
                    var result = await executor.CallActivityOnceAsync(activity.Name, activity.Queue, json);
                    return JsonSerializer.Deserialize(result ?? "null", activity.Output)!;
                }
                catch (TaskFailedException failed) when (retryPolicy is not null && attempt < retryPolicy.MaxAttempts && retryPolicy.Handle(failed.FailureDetails))
                {
                    var delay = retryPolicy.DelayAfter(attempt, executor.DeterministicSample(taskId));
                    await executor.CreateTimerCore(executor._currentUtcDateTime + delay);
                }
            }
        }

        public override async Task<TOutput> CallSubOrchestratorAsync<TInput, TOutput>(OrchestratorRef<TInput, TOutput> orchestrator, TInput input, string? instanceId = null)
        {
            var json = JsonSerializer.Serialize(input, orchestrator.Input);
            var executionId = executor._instance.ExecutionId;

            // Task ids restart at 0 after continue-as-new: the execution id keeps each execution's children apart.
            string ChildId(int taskId) => instanceId ?? $"{InstanceId}:{executionId}:{taskId}";
            var task = executor.Schedule(
                HistoryEventType.SubOrchestrationInstanceCreated,
                orchestrator.Name,
                id => new HistoryEvent(HistoryEventType.SubOrchestrationInstanceCreated, executor._currentUtcDateTime)
                {
                    TaskId = id,
                    Name = orchestrator.Name,
                    Input = json,
                    InstanceId = ChildId(id),
                },
                id => [new OutboxMessage(OutboxMessageKind.Start)
                {
                    InstanceId = ChildId(id),
                    Name = orchestrator.Name,
                    Input = json,
                    Parent = new ParentInstance(InstanceId, executionId, id),
                }]);
            var result = await task.Completion.Task;
            return JsonSerializer.Deserialize(result ?? "null", orchestrator.Output)!;
        }

        public override Task CreateTimer(DateTimeOffset fireAt) => executor.CreateTimerCore(fireAt);

        public override async Task<T> WaitForExternalEvent<T>(string eventName, JsonTypeInfo<T> payload, TimeSpan? timeout = null)
        {
            var buffered = executor._bufferedEvents.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
            if (buffered >= 0)
            {
                var raised = executor._bufferedEvents[buffered];
                executor._bufferedEvents.RemoveAt(buffered);
                return JsonSerializer.Deserialize(raised.Input ?? "null", payload)!;
            }

            var waiter = new TaskCompletionSource<string?>();
            executor._eventWaiters.Add((eventName, waiter));
            if (timeout is { } limit)
            {
                var timer = executor.CreateTimerCore(executor._currentUtcDateTime + limit);
                if (await Task.WhenAny(waiter.Task, timer) != waiter.Task)
                {
                    executor._eventWaiters.RemoveAll(w => w.Waiter == waiter);
                    throw new TimeoutException($"Event '{eventName}' did not arrive within {limit}.");
                }
            }

            var json = await waiter.Task;
            return JsonSerializer.Deserialize(json ?? "null", payload)!;
        }

        public override void ContinueAsNew<T>(T input, JsonTypeInfo<T> inputType) =>
            executor._continueAsNew = (JsonSerializer.Serialize(input, inputType), true);

        public override void SetCustomStatus(string? customStatus) => executor.CustomStatus = customStatus;

        public override Guid NewGuid()
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(Encoding.UTF8.GetBytes($"{InstanceId}:{executor._instance.ExecutionId}:guid:{executor._guidCounter++}"), hash);
            var bytes = hash[..16];
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5 (name-based)
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
            return new Guid(bytes);
        }

        public override ILogger CreateReplaySafeLogger(string categoryName) =>
            new ReplaySafeLogger(executor._loggerFactory.CreateLogger(categoryName), this);
    }
}
