using Microsoft.DurableTask;
using Serverless.Conformance.Tests.Catalog;

namespace Serverless.Conformance.Tests.Behaviour;

[Collection(ConformanceCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class SubOrchestrationTests(ConformanceFixture fixture)
{
    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Sub_orchestration_returns_its_result_to_the_parent(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, SubOrchestrationScenarios.Succeeds);

        Assert.Equal("parent got order-1-child", Outcomes.CompletedWith<string>(outcome));
        Outcomes.Scheduled(outcome, "sub:ChildOrchestrator");
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Sub_orchestration_failure_is_caught_as_TaskFailedException_with_its_details(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, SubOrchestrationScenarios.Fails);

        var report = Outcomes.CompletedWith<FailureReport>(outcome);
        Assert.Equal(typeof(TaskFailedException).FullName, report.ExceptionType);
        Assert.Equal("ChildOrchestrator", report.TaskName);
        Assert.Equal(
            "Task 'ChildOrchestrator' (#0) failed with an unhandled exception: the child gave up",
            report.Message);
        Assert.Equal("System.InvalidOperationException", report.ErrorType);
        Assert.Equal(SubOrchestrationScenarios.ChildFailure, report.ErrorMessage);
        Assert.Null(report.InnerErrorType);
        Assert.True(report.IsCausedByInvalidOperation);
        Outcomes.Scheduled(outcome, "sub:ChildOrchestrator");
    }
}
