using Microsoft.DurableTask.Client;

namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>
/// When a <see cref="ScenarioStep"/> is applied. Triggers observe only what every runtime's client shows (the
/// instance's custom status), never time: an orchestrator that wants a step applied at a point of its own says so by
/// setting its custom status first.
/// </summary>
public abstract record StepTrigger
{
    /// <summary>Right after the instance was scheduled (or after the previous step): it may not have run yet.</summary>
    public static StepTrigger Immediately { get; } = new ImmediateTrigger();

    /// <summary>
    /// Once the instance's custom status is the JSON string <paramref name="status"/>. An orchestrator sets its custom
    /// status in the same episode that starts a wait, so "status is X" means "the wait after X has begun".
    /// </summary>
    public static StepTrigger CustomStatusIs(string status) => new CustomStatusTrigger(status);

    /// <summary>Once the instance's runtime status is <paramref name="status"/>.</summary>
    public static StepTrigger RuntimeStatusIs(OrchestrationRuntimeStatus status) => new RuntimeStatusTrigger(status);

    private sealed record ImmediateTrigger : StepTrigger
    {
        public override string ToString() => "immediately";
    }
}
