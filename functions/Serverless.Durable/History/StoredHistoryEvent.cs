using Serverless.Durable.Engine;

namespace Serverless.Durable.History;

/// <summary>
/// One event of an orchestration's history. Which optional members are set depends on <see cref="Type"/>.
/// </summary>
/// <param name="Type">What happened.</param>
/// <param name="Timestamp">When it was recorded.</param>
internal sealed record StoredHistoryEvent(HistoryEventType Type, DateTimeOffset Timestamp)
{
    /// <summary>The task (activity, timer or sub-orchestration) the event concerns.</summary>
    public int? TaskId { get; init; }

    /// <summary>The activity, orchestrator or event name.</summary>
    public string? Name { get; init; }

    /// <summary>The orchestration version an execution or a sub-orchestration was started with.</summary>
    public string? Version { get; init; }

    /// <summary>The JSON input (of an execution, activity, sub-orchestration) or payload (of an event).</summary>
    public string? Input { get; init; }

    /// <summary>The JSON result of a task or execution.</summary>
    public string? Result { get; init; }

    /// <summary>The failure of a task or execution.</summary>
    public StoredFailure? Failure { get; init; }

    /// <summary>When a timer fires.</summary>
    public DateTimeOffset? FireAt { get; init; }

    /// <summary>The sub-orchestration's instance id, or the target of a sent event.</summary>
    public string? InstanceId { get; init; }

    /// <summary>
    /// The caller-chosen id of a raised event, which makes raising it idempotent within an execution.
    /// </summary>
    public string? EventId { get; init; }

    /// <summary>The final status of an execution.</summary>
    public StoredStatus? Status { get; init; }
}
