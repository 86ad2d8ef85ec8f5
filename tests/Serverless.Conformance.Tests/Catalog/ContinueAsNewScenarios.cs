using Microsoft.DurableTask;
using Serverless.Conformance.Tests.Catalog.Tasks;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests.Catalog;

/// <summary><c>ContinueAsNew</c> with the unprocessed events of one generation carried into the next.</summary>
internal static class ContinueAsNewScenarios
{
    /// <summary>
    /// Generation 0 runs an activity, waits for "first" and continues as new; "second" was raised before "first", while
    /// generation 0 ran and did not wait for it, so it is carried over and generation 1 (which also runs the activity)
    /// takes it. Output "g0-A|g1-B"; both generations' activities show in the scheduled sequence.
    /// </summary>
    public static Scenario CarriesEvents { get; } = Scenario
        .Start(
            "continue-as-new-carries-events",
            registry =>
            {
                registry.AddOrchestrator(nameof(GenerationsOrchestrator), () => new GenerationsOrchestrator());
                AppendActivity.Register(registry);
            },
            nameof(GenerationsOrchestrator),
            new Generation(0, string.Empty))
        .Then(ScenarioStep.Raise("second", "B", StepTrigger.Immediately))
        .Then(ScenarioStep.Raise("first", "A", StepTrigger.CustomStatusIs("generation 0 awaiting first")));

    private sealed class GenerationsOrchestrator : TaskOrchestrator<Generation, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, Generation input)
        {
            var tag = await context.CallActivityAsync<string>(
                AppendActivity.Name,
                new AppendRequest("g", $"{input.Number}"));
            if (input.Number == 0)
            {
                context.SetCustomStatus("generation 0 awaiting first");
                var first = await context.WaitForExternalEvent<string>("first");
                context.ContinueAsNew(new Generation(1, $"{tag}-{first}"), preserveUnprocessedEvents: true);
                return string.Empty;
            }

            context.SetCustomStatus("generation 1 awaiting second");
            var second = await context.WaitForExternalEvent<string>("second");
            return $"{input.Carried}|{tag}-{second}";
        }
    }
}
