using NonDeterministicOrchestrationException = DurableTask.Core.Exceptions.NonDeterministicOrchestrationException;
using Serverless.Durable.History;

namespace Serverless.Durable.Engine;

/// <summary>Replay's check: each decision in history against what the orchestrator code schedules now.</summary>
internal sealed partial class OrchestrationExecutor
{
    private void MatchScheduled(StoredHistoryEvent recorded)
    {
        var taskId = recorded.TaskId!.Value;
        var what = recorded.Type switch
        {
            HistoryEventType.TaskScheduled => $"activity '{recorded.Name}'",
            HistoryEventType.TimerCreated => "a timer",
            HistoryEventType.EventSent => $"event '{recorded.Name}' sent",
            _ => $"sub-orchestration '{recorded.Name}'",
        };
        if (!_tasks.TryGetValue(taskId, out var task))
        {
            throw new NonDeterministicOrchestrationException(
                taskId,
                $"Non-deterministic orchestration '{_instance.Name}' ({_instance.InstanceId}): history has {what} " +
                    $"scheduled as task {taskId}, " +
                "but the orchestrator code no longer schedules it.");
        }

        if (task.ScheduledAs != recorded.Type
            || !string.Equals(task.Name, recorded.Name ?? string.Empty, StringComparison.Ordinal))
        {
            throw new NonDeterministicOrchestrationException(
                taskId,
                $"Non-deterministic orchestration '{_instance.Name}' ({_instance.InstanceId}): history has {what} " +
                    $"scheduled as task {taskId}, " +
                $"but the orchestrator code now schedules {task.Describe()}.");
        }

        task.IsRecorded = true;
    }

    // A completion for a task this execution never scheduled (a duplicate or a stale message) changes nothing.
    private PendingTask? FindTask(StoredHistoryEvent completion) =>
        _tasks.TryGetValue(completion.TaskId!.Value, out var task) && task.IsRecorded ? task : null;
}
