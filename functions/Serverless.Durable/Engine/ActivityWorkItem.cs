namespace Serverless.Durable.Engine;

/// <summary>The body of a message on an activity queue: one activity invocation.</summary>
internal sealed record ActivityWorkItem(string InstanceId, string ExecutionId, int TaskId, string Name, string? Input)
{
    /// <summary>
    /// When the episode that scheduled it began (absent from work items written before it was added): how long the
    /// item waited for a worker is measured from it.
    /// </summary>
    public DateTimeOffset? ScheduledAt { get; init; }

    /// <summary>The version of the orchestration that scheduled it: activities run under their caller's.</summary>
    public string? Version { get; init; }

    /// <summary>Which attempt of the call under its retry policy (absent: the first, or written before).</summary>
    public int? Attempt { get; init; }

    /// <summary>The W3C <c>traceparent</c> of the episode that scheduled it (absent on items written before).</summary>
    public string? TraceParent { get; init; }

    /// <summary>The W3C <c>tracestate</c> that goes with <see cref="TraceParent"/>.</summary>
    public string? TraceState { get; init; }
}
