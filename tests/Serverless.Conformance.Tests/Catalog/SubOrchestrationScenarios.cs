using Microsoft.DurableTask;
using Serverless.Conformance.Tests.Catalog.Tasks;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests.Catalog;

/// <summary>Sub-orchestrations: a result returned to the parent, and a failure caught by it.</summary>
internal static class SubOrchestrationScenarios
{
    public const string ChildFailure = "the child gave up";

    /// <summary>The child appends via an activity; output "parent got order-1-child".</summary>
    public static Scenario Succeeds { get; } = Scenario.Start(
        "sub-orchestration-succeeds",
        Register,
        nameof(ParentOrchestrator),
        "order-1");

    /// <summary>
    /// The child throws; the parent catches a <see cref="TaskFailedException"/>: output is a
    /// <see cref="FailureReport"/>.
    /// </summary>
    public static Scenario Fails { get; } = Scenario.Start(
        "sub-orchestration-fails",
        Register,
        nameof(ParentOrchestrator),
        "fail");

    private static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestrator(nameof(ParentOrchestrator), () => new ParentOrchestrator());
        registry.AddOrchestrator(nameof(ChildOrchestrator), () => new ChildOrchestrator());
        AppendActivity.Register(registry);
    }

    private sealed class ParentOrchestrator : TaskOrchestrator<string, object>
    {
        public override async Task<object> RunAsync(TaskOrchestrationContext context, string input)
        {
            try
            {
                return $"parent got {await context.CallSubOrchestratorAsync<string>(nameof(ChildOrchestrator), input)}";
            }
            catch (TaskFailedException exception)
            {
                return FailureReport.From(exception);
            }
        }
    }

    private sealed class ChildOrchestrator : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
            => input == "fail"
                ? throw new InvalidOperationException(ChildFailure)
                : await context.CallActivityAsync<string>(AppendActivity.Name, new AppendRequest(input, "-child"));
    }
}
