namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>The kinds of work an orchestration schedules.</summary>
public enum ScheduledWorkKind
{
    /// <summary>An activity call.</summary>
    Activity,

    /// <summary>A durable timer.</summary>
    Timer,

    /// <summary>A sub-orchestration call.</summary>
    SubOrchestration,
}
