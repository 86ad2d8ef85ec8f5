using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests.Catalog;

/// <summary>What the client does to a running instance: terminate it, suspend and resume it.</summary>
internal static class ManagementScenarios
{
    public const string TerminationOutput = "cancelled by an operator";

    /// <summary>The instance waits for an event that never comes and is terminated with an output.</summary>
    public static Scenario TerminatedWhileWaiting { get; } = Scenario
        .Start("terminated-while-waiting", Register, nameof(WaitingOrchestrator))
        .Then(ScenarioStep.Terminate(TerminationOutput, StepTrigger.CustomStatusIs("awaiting approval")));

    /// <summary>
    /// The waiting instance is suspended; the event is raised once it shows Suspended and the instance resumed after:
    /// it completes with the event's payload, taken after the resume.
    /// </summary>
    public static Scenario SuspendedAndResumed { get; } = Scenario
        .Start("suspended-and-resumed", Register, nameof(WaitingOrchestrator))
        .Then(ScenarioStep.Suspend("maintenance", StepTrigger.CustomStatusIs("awaiting approval")))
        .Then(ScenarioStep.Raise(
            EventScenarios.Approve,
            "alice",
            StepTrigger.RuntimeStatusIs(OrchestrationRuntimeStatus.Suspended)))
        .Then(ScenarioStep.Resume("maintenance over", StepTrigger.Immediately));

    private static void Register(DurableTaskRegistry registry)
        => registry.AddOrchestrator(nameof(WaitingOrchestrator), () => new WaitingOrchestrator());

    private sealed class WaitingOrchestrator : TaskOrchestrator<string?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
        {
            context.SetCustomStatus("awaiting approval");
            var approver = await context.WaitForExternalEvent<string>(EventScenarios.Approve);
            return $"approved by {approver}";
        }
    }
}
