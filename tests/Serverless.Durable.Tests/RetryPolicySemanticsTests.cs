using Microsoft.DurableTask;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>
/// A <see cref="RetryPolicy"/> runs as DurableTask.Core's RetryInterceptor runs it (what Durable Functions records):
/// the same activities and timers in the same order, so histories match across the two runtimes. The clock moves a
/// second at a time, so every episode runs at the time its timer was due.
/// </summary>
public sealed class RetryPolicySemanticsTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Failing_twice_then_succeeding_records_activity_timer_activity_timer_activity()
    {
        var attempts = new int[1];
        using var hub = RetryTests.CreateHub(
            attempts,
            TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(10), backoffCoefficient: 2)));

        var id = await hub.StartAsync(RetryTests.Retrying, 2);
        var result = await hub.RunToCompletionAsync(id, Second, rounds: 500);

        Assert.Equal("succeeded on attempt 3", result.ReadOutputAs<string>());
        Assert.Equal(
            ["activity", "timer +10s", "activity", "timer +20s", "activity"],
            RetrySteps.Of(await hub.HistoryAsync(id)));
    }

    [Fact]
    public async Task Exhausting_every_attempt_records_a_last_timer_due_at_once_then_throws_the_task_failure()
    {
        var attempts = new int[1];
        using var hub = RetryTests.CreateHub(
            attempts,
            TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(10), backoffCoefficient: 2)));

        var id = await hub.StartAsync(RetryTests.Retrying, 10);
        var result = await hub.RunToCompletionAsync(id, Second, rounds: 500);

        Assert.Equal("gave up: Flaky attempt 3", result.ReadOutputAs<string>());
        Assert.Equal(3, attempts[0]);
        Assert.Equal(
            ["activity", "timer +10s", "activity", "timer +20s", "activity", "timer +0s"],
            RetrySteps.Of(await hub.HistoryAsync(id)));
    }

    [Fact]
    public async Task A_failure_the_policy_does_not_handle_stops_retries_at_once_without_a_timer()
    {
        var attempts = new int[1];
        var handled = new List<string>();
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1))
        {
            HandleFailure = failure =>
            {
                handled.Add($"{failure.ErrorType}: {failure.ErrorMessage}");
                return failure.ErrorType != typeof(TimeoutException).FullName;
            },
        };
        using var hub = RetryTests.CreateHub(attempts, TaskOptions.FromRetryPolicy(policy));

        var id = await hub.StartAsync(RetryTests.Retrying, 2);
        var result = await hub.RunToCompletionAsync(id, Second, rounds: 500);

        Assert.Equal("gave up: Flaky attempt 1", result.ReadOutputAs<string>());
        Assert.Equal(1, attempts[0]);
        Assert.Equal(["activity"], RetrySteps.Of(await hub.HistoryAsync(id)));
        Assert.Contains("System.TimeoutException: attempt 1", handled);
    }

    [Theory]
    [InlineData("policy")]
    [InlineData("handler")]
    public async Task A_call_to_an_activity_no_worker_registers_is_not_retried(string retry)
    {
        var options = retry == "policy"
            ? TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1)))
            : TaskOptions.FromRetryHandler(static _ => true);
        using var hub = new TestHub(
            registry => registry.AddOrchestratorFunc<int,
            string>(RetryTests.Retrying, async (ctx, _) =>
        {
            try
            {
                return await ctx.CallActivityAsync<string>("Unregistered", null, options);
            }
            catch (TaskFailedException failed)
            {
                return failed.FailureDetails.ErrorType;
            }
        }));

        var id = await hub.StartAsync(RetryTests.Retrying, 0);
        var result = await hub.RunToCompletionAsync(id, Second, rounds: 50);

        Assert.Equal("ActivityNotFound", result.ReadOutputAs<string>());
        Assert.Equal(["activity"], RetrySteps.Of(await hub.HistoryAsync(id)));
    }

    [Fact]
    public async Task The_retry_timeout_stops_retries_once_it_has_passed_since_the_first_attempt()
    {
        var attempts = new int[1];
        var policy = new RetryPolicy(
            10,
            TimeSpan.FromSeconds(10),
            backoffCoefficient: 2,
            maxRetryInterval: TimeSpan.FromSeconds(30),
            retryTimeout: TimeSpan.FromSeconds(50));
        using var hub = RetryTests.CreateHub(attempts, TaskOptions.FromRetryPolicy(policy));

        var id = await hub.StartAsync(RetryTests.Retrying, 100);
        var result = await hub.RunToCompletionAsync(id, Second, rounds: 500);

        // Attempts at 0s, 10s, 30s and 60s: after the fourth, 60s have passed, more than the 50s allowed.
        Assert.Equal("gave up: Flaky attempt 4", result.ReadOutputAs<string>());
        Assert.Equal(
            ["activity", "timer +10s", "activity", "timer +20s", "activity", "timer +30s", "activity"],
            RetrySteps.Of(await hub.HistoryAsync(id)));
    }

    [Fact]
    public async Task Retry_timers_grow_by_the_backoff_coefficient_and_are_capped_at_the_max_retry_interval()
    {
        var attempts = new int[1];
        var policy = new RetryPolicy(
            5,
            TimeSpan.FromSeconds(1),
            backoffCoefficient: 10,
            maxRetryInterval: TimeSpan.FromSeconds(30));
        using var hub = RetryTests.CreateHub(attempts, TaskOptions.FromRetryPolicy(policy));

        var id = await hub.StartAsync(RetryTests.Retrying, 100);
        await hub.RunToCompletionAsync(id, Second, rounds: 500);

        Assert.Equal(
            [
                "activity",
                "timer +1s",
                "activity",
                "timer +10s",
                "activity",
                "timer +30s",
                "activity",
                "timer +30s",
                "activity",
                "timer +0s"],
            RetrySteps.Of(await hub.HistoryAsync(id)));
    }

    [Fact]
    public async Task A_failure_filter_that_throws_stops_retries_and_surfaces_the_task_failure()
    {
        var attempts = new int[1];
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1)) { HandleFailure = _ =>
            throw new InvalidOperationException("broken filter") };
        using var hub = RetryTests.CreateHub(attempts, TaskOptions.FromRetryPolicy(policy));

        var id = await hub.StartAsync(RetryTests.Retrying, 2);
        var result = await hub.RunToCompletionAsync(id, Second, rounds: 500);

        // DurableTask.Core swallows a throwing filter as "do not retry", so the original failure is what the caller
        // sees.
        Assert.Equal("gave up: Flaky attempt 1", result.ReadOutputAs<string>());
        Assert.Equal(["activity"], RetrySteps.Of(await hub.HistoryAsync(id)));
    }
}
