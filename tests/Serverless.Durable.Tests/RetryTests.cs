using Serverless.Durable.History;
using Serverless.Durable.Tests.Support;
using Serverless.Storage.Queues;

namespace Serverless.Durable.Tests;

public sealed class RetryTests
{
    private static readonly ActivityRef<int, int> Flaky = new("Flaky", TestJsonContext.Default.Int32, TestJsonContext.Default.Int32);
    private static readonly OrchestratorRef<int, string> Retrying = new("Retrying", TestJsonContext.Default.Int32, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<int, int> Sum = new("Sum", TestJsonContext.Default.Int32, TestJsonContext.Default.Int32);

    private static TestHub CreateHub(int[] attempts, RetryPolicy policy) => new(registry => registry
        .AddActivity(Flaky, (_, failuresBeforeSuccess, _) =>
        {
            var attempt = Interlocked.Increment(ref attempts[0]);
            return attempt <= failuresBeforeSuccess ? throw new TimeoutException($"attempt {attempt}") : Task.FromResult(attempt);
        })
        .AddOrchestrator(Retrying, async (ctx, failures) =>
        {
            try
            {
                return $"succeeded on attempt {await ctx.CallActivityAsync(Flaky, failures, policy)}";
            }
            catch (TaskFailedException failed)
            {
                return $"gave up: {failed.FailureDetails.ErrorMessage}";
            }
        }));

    [Fact]
    public async Task A_failing_activity_is_retried_until_it_succeeds()
    {
        var attempts = new int[1];
        using var hub = CreateHub(attempts, new RetryPolicy(5, TimeSpan.FromSeconds(1)));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Retrying, 2);
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("succeeded on attempt 3", result.ReadOutputAs(TestJsonContext.Default.String));
    }

    [Fact]
    public async Task Retries_stop_at_max_attempts_and_surface_the_last_failure()
    {
        var attempts = new int[1];
        using var hub = CreateHub(attempts, new RetryPolicy(3, TimeSpan.FromSeconds(1)));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Retrying, 10);
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("gave up: attempt 3", result.ReadOutputAs(TestJsonContext.Default.String));
        Assert.Equal(3, attempts[0]);
    }

    [Fact]
    public async Task Retries_wait_durable_timers_that_grow_exponentially()
    {
        var attempts = new int[1];
        using var hub = CreateHub(attempts, new RetryPolicy(4, TimeSpan.FromSeconds(10)) { BackoffCoefficient = 3 });

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Retrying, 3);
        await hub.RunToCompletionAsync(id);
        var history = (await hub.Client.GetInstanceAsync(id, includeHistory: true))!.History!;

        var waits = history
            .Where(e => e.Type == HistoryEventType.TimerCreated)
            .Select(e => (e.FireAt!.Value - e.Timestamp).TotalSeconds)
            .ToList();
        Assert.Equal([10d, 30d, 90d], waits);
    }

    [Fact]
    public async Task A_failure_the_policy_does_not_handle_is_not_retried()
    {
        var attempts = new int[1];
        using var hub = CreateHub(attempts, new RetryPolicy(5, TimeSpan.FromSeconds(1)) { Handle = f => !f.IsCausedBy<TimeoutException>() });

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Retrying, 2);
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("gave up: attempt 1", result.ReadOutputAs(TestJsonContext.Default.String));
        Assert.Equal(1, attempts[0]);
    }

    [Fact]
    public async Task Fifty_parallel_activities_that_each_fail_once_are_all_retried_to_completion()
    {
        var attempts = new int[50];
        using var hub = new TestHub(registry => registry
            .AddActivity(Flaky, (_, i, _) => Interlocked.Increment(ref attempts[i]) == 1 ? throw new TimeoutException("first try") : Task.FromResult(i))
            .AddOrchestrator(Sum, async (ctx, n) =>
            {
                var retry = new RetryPolicy(3, TimeSpan.FromSeconds(1));
                var results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync(Flaky, i, retry)));
                return results.Sum();
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Sum, 50);
        await HandleAllAsync(hub, hub.Engine.OrchestrationQueue, m => hub.Engine.HandleWakeUpAsync(m.Body));

        // Every first attempt fails before the instance wakes: one episode must take in 50 failures and start 50 retry timers.
        await HandleAllAsync(hub, hub.Engine.ActivityQueues.Single(), m => hub.Engine.HandleWorkItemAsync(m.Body, m.DequeueCount));
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(Enumerable.Range(0, 50).Sum(), result.ReadOutputAs(TestJsonContext.Default.Int32));
        Assert.All(attempts, a => Assert.Equal(2, a));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void Jitter_keeps_each_wait_within_its_fraction_of_the_backoff(double sample)
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(10)) { Jitter = 0.2 };

        var delay = policy.DelayAfter(2, sample);

        Assert.InRange(delay.TotalSeconds, 16, 24);
    }

    [Fact]
    public void Backoff_is_capped_at_the_max_retry_interval()
    {
        var policy = new RetryPolicy(20, TimeSpan.FromSeconds(1)) { MaxRetryInterval = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromSeconds(30), policy.DelayAfter(10, 0.5));
    }

    /// <summary>Handles every visible message of one queue, as that queue's worker alone would.</summary>
    private static async Task HandleAllAsync(TestHub hub, string queueName, Func<QueueMessage, Task> handle)
    {
        var queue = hub.Storage.GetQueue(queueName);
        while (await queue.ReceiveAsync(32, TimeSpan.FromMinutes(5)) is { Count: > 0 } messages)
        {
            foreach (var message in messages)
            {
                await handle(message);
                await queue.CompleteAsync(message);
            }
        }
    }
}
