using Serverless.Durable.History;

namespace Serverless.Durable.Engine;

/// <summary>
/// A message an episode decided to send. It is committed with the episode (so a crash cannot lose it) and dispatched
/// after; dispatching twice is harmless because every target is idempotent.
/// </summary>
internal sealed record OutboxMessage(OutboxMessageKind Kind)
{
    /// <summary>For <see cref="OutboxMessageKind.Send"/>: the queue.</summary>
    public string? Queue { get; init; }

    /// <summary>For <see cref="OutboxMessageKind.Send"/>: the message body.</summary>
    public string? Body { get; init; }

    /// <summary>For <see cref="OutboxMessageKind.Send"/>: when the message becomes visible.</summary>
    public DateTimeOffset? VisibleAt { get; init; }

    /// <summary>For deliveries and starts: the target instance.</summary>
    public string? InstanceId { get; init; }

    /// <summary>For <see cref="OutboxMessageKind.Deliver"/>: the target execution and inbox key.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>
    /// For <see cref="OutboxMessageKind.Deliver"/>: the inbox key, unique per message so redelivery overwrites itself.
    /// </summary>
    public string? InboxKey { get; init; }

    /// <summary>For <see cref="OutboxMessageKind.Deliver"/>: the event to append to the target's history.</summary>
    public StoredHistoryEvent? Event { get; init; }

    /// <summary>For <see cref="OutboxMessageKind.Start"/>: the orchestrator name.</summary>
    public string? Name { get; init; }

    /// <summary>For <see cref="OutboxMessageKind.Start"/>: the JSON input.</summary>
    public string? Input { get; init; }

    /// <summary>For a sub-orchestration start: the version its options named (null: the worker's default).</summary>
    public string? Version { get; init; }

    /// <summary>For <see cref="OutboxMessageKind.Start"/>: the parent to notify on completion.</summary>
    public ParentInstance? Parent { get; init; }

    /// <summary>
    /// For <see cref="OutboxMessageKind.Start"/> and <see cref="OutboxMessageKind.Deliver"/>: the W3C
    /// <c>traceparent</c> of the episode that sent it, stored with the child instance or the inbox row.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The W3C <c>tracestate</c> that goes with <see cref="TraceParent"/>.</summary>
    public string? TraceState { get; init; }

    /// <summary>Delivers a sub-orchestration's <paramref name="outcome"/> to the parent task that awaits it.</summary>
    public static OutboxMessage ToParent(ParentInstance parent, StoredHistoryEvent outcome) =>
        new(OutboxMessageKind.Deliver)
    {
        InstanceId = parent.InstanceId,
        ExecutionId = parent.ExecutionId,
        InboxKey = RowKeys.SubOrchestrationResult(parent.ExecutionId, parent.TaskId),
        Event = outcome with { TaskId = parent.TaskId },
    };
}
