using Serverless.Durable.History;

namespace Serverless.Durable.Engine;

/// <summary>
/// A task the orchestrator code scheduled in this replay: an activity, a timer, a sub-orchestration or a sent event.
/// </summary>
internal sealed class PendingTask(int taskId, HistoryEventType scheduledAs, string name)
{
    public int TaskId { get; } = taskId;

    /// <summary>
    /// The history event that records the scheduling: TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated or
    /// EventSent.
    /// </summary>
    public HistoryEventType ScheduledAs { get; } = scheduledAs;

    public string Name { get; } = name;

    /// <summary>Whether history already holds the scheduling event (false: decided in this episode).</summary>
    public bool IsRecorded { get; set; }

    /// <summary>The history event to append and the outbox messages to send when the task is new.</summary>
    public StoredHistoryEvent? Scheduled { get; init; }

    public IReadOnlyList<OutboxMessage> Messages { get; init; } = [];

    public TaskCompletionSource<string?> Completion { get; } = new();

    public string Describe() => ScheduledAs switch
    {
        HistoryEventType.TaskScheduled => $"activity '{Name}'",
        HistoryEventType.TimerCreated => "a timer",
        HistoryEventType.EventSent => $"event '{Name}' sent",
        _ => $"sub-orchestration '{Name}'",
    };
}
