using Serverless.Durable.Engine;
using Serverless.Durable.History;
using Core = DurableTask.Core;
using CoreHistory = DurableTask.Core.History;

namespace Serverless.Durable.Client;

/// <summary>
/// Maps the engine's stored history to the Durable Task Framework's history events, the shape the SDK's clients return
/// on every backend: ids of scheduled tasks are their task ids, completions point back at them, other events have -1.
/// </summary>
internal static class HistoryEventMapper
{
    public static CoreHistory.HistoryEvent ToCore(StoredHistoryEvent e, InstanceRow instance)
    {
        CoreHistory.HistoryEvent mapped = e.Type switch
        {
            HistoryEventType.OrchestratorStarted => new CoreHistory.OrchestratorStartedEvent(-1),
            HistoryEventType.ExecutionStarted => new CoreHistory.ExecutionStartedEvent(-1, e.Input)
            {
                Name = e.Name ?? instance.Name,
                Version = e.Version ?? string.Empty,
                OrchestrationInstance = new Core.OrchestrationInstance
                {
                    InstanceId = instance.InstanceId,
                    ExecutionId = instance.ExecutionId,
                },
            },
            HistoryEventType.TaskScheduled =>
                new CoreHistory.TaskScheduledEvent(e.TaskId!.Value) { Name = e.Name, Input = e.Input },
            HistoryEventType.TaskCompleted => new CoreHistory.TaskCompletedEvent(-1, e.TaskId!.Value, e.Result),
            HistoryEventType.TaskFailed =>
                new CoreHistory.TaskFailedEvent(
                    -1,
                    e.TaskId!.Value,
                    e.Failure?.ErrorMessage,
                    e.Failure?.StackTrace,
                    ToCore(e.Failure)),
            HistoryEventType.TimerCreated =>
                new CoreHistory.TimerCreatedEvent(e.TaskId!.Value, e.FireAt!.Value.UtcDateTime),
            HistoryEventType.TimerFired =>
                new CoreHistory.TimerFiredEvent(-1, (e.FireAt
                    ?? e.Timestamp).UtcDateTime) { TimerId = e.TaskId!.Value },
            HistoryEventType.EventRaised => new CoreHistory.EventRaisedEvent(-1, e.Input) { Name = e.Name },
            HistoryEventType.EventSent =>
                new CoreHistory.EventSentEvent(e.TaskId!.Value)
                {
                    Name = e.Name,
                    Input = e.Input,
                    InstanceId = e.InstanceId,
                },
            HistoryEventType.SubOrchestrationInstanceCreated =>
                new CoreHistory.SubOrchestrationInstanceCreatedEvent(e.TaskId!.Value)
            {
                Name = e.Name,
                Input = e.Input,
                InstanceId = e.InstanceId,
            },
            HistoryEventType.SubOrchestrationInstanceCompleted =>
                new CoreHistory.SubOrchestrationInstanceCompletedEvent(-1, e.TaskId!.Value, e.Result),
            HistoryEventType.SubOrchestrationInstanceFailed =>
                new CoreHistory.SubOrchestrationInstanceFailedEvent(
                    -1,
                    e.TaskId!.Value,
                    e.Failure?.ErrorMessage,
                    e.Failure?.StackTrace,
                    ToCore(e.Failure)),
            HistoryEventType.ExecutionCompleted =>
                new CoreHistory.ExecutionCompletedEvent(
                    -1,
                    e.Result,
                    ToCore(e.Status ?? StoredStatus.Completed),
                    ToCore(e.Failure)),
            HistoryEventType.ExecutionTerminated => new CoreHistory.ExecutionTerminatedEvent(-1, e.Result),
            HistoryEventType.ContinuedAsNew => new CoreHistory.ContinueAsNewEvent(-1, e.Input),
            HistoryEventType.ExecutionSuspended => new CoreHistory.ExecutionSuspendedEvent(-1, e.Input),
            HistoryEventType.ExecutionResumed => new CoreHistory.ExecutionResumedEvent(-1, e.Input),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.Type, "Unknown history event type."),
        };
        mapped.Timestamp = e.Timestamp.UtcDateTime;
        return mapped;
    }

    private static Core.FailureDetails? ToCore(StoredFailure? failure) => failure is null
        ? null
        : new Core.FailureDetails(
            failure.ErrorType,
            failure.ErrorMessage,
            failure.StackTrace,
            ToCore(failure.InnerFailure),
            isNonRetriable: false);

    private static Core.OrchestrationStatus ToCore(StoredStatus status) => status switch
    {
        StoredStatus.Completed => Core.OrchestrationStatus.Completed,
        StoredStatus.Failed => Core.OrchestrationStatus.Failed,
        StoredStatus.Terminated => Core.OrchestrationStatus.Terminated,
        StoredStatus.Pending => Core.OrchestrationStatus.Pending,
        _ => Core.OrchestrationStatus.Running,
    };
}
