using Serverless.Conformance.Tests.Catalog;

namespace Serverless.Conformance.Tests.Behaviour;

[Collection(ConformanceCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class RetryTests(ConformanceFixture fixture)
{
    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Retry_policy_waits_on_a_durable_timer_between_attempts_until_one_succeeds(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, RetryScenarios.PolicySucceeds);

        Assert.Equal("succeeded on attempt 3", Outcomes.CompletedWith<string>(outcome));
        Outcomes.Scheduled(outcome, "Flaky", "timer", "Flaky", "timer", "Flaky");
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Retry_policy_gives_up_after_its_last_attempt_with_the_last_failure(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, RetryScenarios.PolicyExhausted);

        Assert.Equal(
            "gave up: System.InvalidOperationException: attempt 3 failed",
            Outcomes.CompletedWith<string>(outcome));

        // DurableTask.Core's RetryInterceptor creates a zero-delay "Dummy timer for back-compat" after the last failed
        // attempt, before it rethrows: three attempts, three timers.
        Outcomes.Scheduled(outcome, "Flaky", "timer", "Flaky", "timer", "Flaky", "timer");
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Retry_handler_sees_each_failure_and_retries_after_its_own_timer(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, RetryScenarios.HandlerSucceeds);

        Assert.Equal(
            [
                "1: System.InvalidOperationException: attempt 1 failed",
                "2: System.InvalidOperationException: attempt 2 failed",
                "succeeded on attempt 3",
            ],
            Outcomes.CompletedWith<string[]>(outcome));
        Outcomes.Scheduled(outcome, "Flaky", "timer", "Flaky", "timer", "Flaky");
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Retry_handler_that_declines_rethrows_the_last_failure(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, RetryScenarios.HandlerGivesUp);

        var failure = Outcomes.Failed(outcome);
        Assert.Equal("Microsoft.DurableTask.TaskFailedException", failure.ErrorType);
        Assert.Equal("Task 'Flaky' (#2) failed with an unhandled exception: attempt 2 failed", failure.Message);
        Assert.Equal("System.InvalidOperationException", failure.Inner?.ErrorType);
        Outcomes.Scheduled(outcome, "Flaky", "timer", "Flaky");
    }
}
