using System.Runtime.CompilerServices;
using Microsoft.DurableTask;
using Serverless.Conformance.Tests.Catalog.Tasks;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests.Catalog;

/// <summary>
/// Custom status, deterministic <c>NewGuid</c>, and the failure of an orchestrator that no longer matches its history.
/// </summary>
internal static class StatusAndDeterminismScenarios
{
    /// <summary>The custom status is a record set before the last activity; output "done".</summary>
    public static Scenario CustomStatus { get; } = Scenario.Start(
        "custom-status",
        registry =>
        {
            registry.AddOrchestrator(nameof(StatusOrchestrator), () => new StatusOrchestrator());
            EchoActivity.Register(registry);
        },
        nameof(StatusOrchestrator),
        "done");

    /// <summary>
    /// A GUID made before an activity is passed through it and compared, after the replay, with the GUID the replay
    /// makes at the same point; two more GUIDs are made after the activity. Output "same on replay: True, distinct:
    /// True".
    /// </summary>
    public static Scenario NewGuidIsReplaySafe { get; } = Scenario.Start(
        "new-guid-replay-safe",
        registry =>
        {
            registry.AddOrchestrator(nameof(GuidOrchestrator), () => new GuidOrchestrator());
            EchoActivity.Register(registry);
        },
        nameof(GuidOrchestrator));

    /// <summary>
    /// The first execution schedules StepA; every replay schedules StepB at the same position (a per-run counter
    /// shared by the orchestrator instances). The runtime fails the orchestration as non-deterministic.
    /// </summary>
    public static Scenario NonDeterminism { get; } = Scenario.Start(
        "non-determinism-fails",
        registry =>
        {
            var executions = new StrongBox<int>();
            registry.AddOrchestrator(nameof(ChangingOrchestrator), () => new ChangingOrchestrator(executions));
            registry.AddActivity("StepA", _ => new EchoActivity());
            registry.AddActivity("StepB", _ => new EchoActivity());
        },
        nameof(ChangingOrchestrator)) with { ChangesCodeBetweenEpisodes = true };

    private sealed class StatusOrchestrator : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            context.SetCustomStatus(new AppendRequest("stage", "charged"));
            return await context.CallActivityAsync<string>(EchoActivity.Name, input);
        }
    }

    private sealed class GuidOrchestrator : TaskOrchestrator<string?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
        {
            var before = context.NewGuid();
            var throughHistory = await context.CallActivityAsync<string>(EchoActivity.Name, before.ToString());
            var after = context.NewGuid();
            var last = context.NewGuid();
            var distinct = new HashSet<Guid> { before, after, last }.Count == 3;
            return $"same on replay: {throughHistory == before.ToString()}, distinct: {distinct}";
        }
    }

    private sealed class ChangingOrchestrator(StrongBox<int> executions) : TaskOrchestrator<string?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string? input)
        {
            var step = Interlocked.Increment(ref executions.Value) == 1 ? "StepA" : "StepB";
            return context.CallActivityAsync<string>(step, step);
        }
    }
}
