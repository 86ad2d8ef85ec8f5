using Microsoft.DurableTask;
using Serverless.Conformance.Tests.Catalog;
using Serverless.Conformance.Tests.Catalog.Tasks;

namespace Serverless.Conformance.Tests.Behaviour;

[Collection(ConformanceCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class ActivityTests(ConformanceFixture fixture)
{
    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Activity_chain_passes_each_result_to_the_next(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, ActivityScenarios.Chain);

        Assert.Equal("order-1-reserved-charged-confirmed", Outcomes.CompletedWith<string>(outcome));
        Outcomes.Scheduled(outcome, "Append", "Append", "Append");
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Activity_failure_is_caught_as_TaskFailedException_with_its_details(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, ActivityScenarios.CaughtFailure);

        var report = Outcomes.CompletedWith<FailureReport>(outcome);
        Assert.Equal(typeof(TaskFailedException).FullName, report.ExceptionType);
        Assert.Equal("Fail", report.TaskName);
        Assert.Equal("Task 'Fail' (#0) failed with an unhandled exception: card declined", report.Message);
        Assert.Equal("System.InvalidOperationException", report.ErrorType);
        Assert.Equal(ActivityScenarios.DeclineMessage, report.ErrorMessage);
        Assert.Equal("System.ArgumentException", report.InnerErrorType);
        Assert.Equal(FailingActivity.InnerMessage, report.InnerErrorMessage);
        Assert.True(report.IsCausedByInvalidOperation);
        Outcomes.Scheduled(outcome, "Fail");
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Uncaught_activity_failure_fails_the_orchestration_wrapped_in_TaskFailedException(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, ActivityScenarios.UncaughtFailure);

        var failure = Outcomes.Failed(outcome);
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Equal("Task 'Fail' (#0) failed with an unhandled exception: card declined", failure.Message);
        Assert.Equal("System.InvalidOperationException", failure.Inner?.ErrorType);
        Assert.Equal(ActivityScenarios.DeclineMessage, failure.Inner?.Message);
        Assert.Equal("System.ArgumentException", failure.Inner?.Inner?.ErrorType);
        Outcomes.Scheduled(outcome, "Fail");
    }
}
