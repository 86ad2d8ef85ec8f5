namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>One thing an orchestration scheduled, as its history records it.</summary>
/// <param name="Kind">Activity, timer or sub-orchestration.</param>
/// <param name="Name">The activity or orchestrator name; <c>timer</c> for timers.</param>
public sealed record ScheduledWork(ScheduledWorkKind Kind, string Name)
{
    /// <summary>A durable timer (retry delays included).</summary>
    public static ScheduledWork Timer { get; } = new(ScheduledWorkKind.Timer, "timer");

    /// <summary>An activity call.</summary>
    public static ScheduledWork Activity(string name) => new(ScheduledWorkKind.Activity, name);

    /// <summary>A sub-orchestration call.</summary>
    public static ScheduledWork SubOrchestration(string name) => new(ScheduledWorkKind.SubOrchestration, name);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ScheduledWorkKind.Timer => "timer",
        ScheduledWorkKind.SubOrchestration => $"sub:{Name}",
        _ => Name,
    };
}
