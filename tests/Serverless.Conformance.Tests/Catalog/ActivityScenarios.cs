using Microsoft.DurableTask;
using Serverless.Conformance.Tests.Catalog.Tasks;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests.Catalog;

/// <summary>
/// Activities: results passed along a chain, failures surfacing as <see cref="TaskFailedException"/>.
/// </summary>
internal static class ActivityScenarios
{
    public const string DeclineMessage = "card declined";

    /// <summary>
    /// Three activities in a row, each given the previous result: output "order-1-reserved-charged-confirmed".
    /// </summary>
    public static Scenario Chain { get; } = Scenario.Start(
        "activity-chain",
        registry =>
        {
            registry.AddOrchestrator(nameof(ChainOrchestrator), () => new ChainOrchestrator());
            AppendActivity.Register(registry);
        },
        nameof(ChainOrchestrator),
        "order-1");

    /// <summary>A failing activity caught by the orchestrator: output is a <see cref="FailureReport"/>.</summary>
    public static Scenario CaughtFailure { get; } = Scenario.Start(
        "activity-failure-caught",
        registry =>
        {
            registry.AddOrchestrator(nameof(CatchingOrchestrator), () => new CatchingOrchestrator());
            FailingActivity.Register(registry);
        },
        nameof(CatchingOrchestrator),
        DeclineMessage);

    /// <summary>A failing activity nobody catches: the orchestration fails.</summary>
    public static Scenario UncaughtFailure { get; } = Scenario.Start(
        "activity-failure-uncaught",
        registry =>
        {
            registry.AddOrchestrator(nameof(NonCatchingOrchestrator), () => new NonCatchingOrchestrator());
            FailingActivity.Register(registry);
        },
        nameof(NonCatchingOrchestrator),
        DeclineMessage);

    private sealed class ChainOrchestrator : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var reserved = await context.CallActivityAsync<string>(
                AppendActivity.Name,
                new AppendRequest(input, "-reserved"));
            var charged = await context.CallActivityAsync<string>(
                AppendActivity.Name,
                new AppendRequest(reserved, "-charged"));
            return await context.CallActivityAsync<string>(
                AppendActivity.Name,
                new AppendRequest(charged, "-confirmed"));
        }
    }

    private sealed class CatchingOrchestrator : TaskOrchestrator<string, FailureReport>
    {
        public override async Task<FailureReport> RunAsync(TaskOrchestrationContext context, string input)
        {
            try
            {
                await context.CallActivityAsync<string>(FailingActivity.Name, input);
                throw new InvalidOperationException("the failing activity succeeded");
            }
            catch (TaskFailedException exception)
            {
                return FailureReport.From(exception);
            }
        }
    }

    private sealed class NonCatchingOrchestrator : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
            => context.CallActivityAsync<string>(FailingActivity.Name, input);
    }
}
