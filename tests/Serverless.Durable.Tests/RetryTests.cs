using Microsoft.DurableTask;
using Serverless.Durable.Tests.Support;
using Serverless.Storage.Queues;

namespace Serverless.Durable.Tests;

public sealed class RetryTests
{
    internal const string Flaky = "Flaky";
    internal const string Retrying = "Retrying";
    private const string Sum = "Sum";

    /// <summary>
    /// A hub whose <see cref="Retrying"/> orchestrator calls <see cref="Flaky"/> (failing its input's number of times)
    /// with <paramref name="options"/>.
    /// </summary>
    internal static TestHub CreateHub(int[] attempts, TaskOptions options) => new(registry => registry
        .AddActivityFunc<int, int>(Flaky, (_, failuresBeforeSuccess) =>
        {
            var attempt = Interlocked.Increment(ref attempts[0]);
            return attempt <= failuresBeforeSuccess
                ? Task.FromException<int>(new TimeoutException($"attempt {attempt}"))
                : Task.FromResult(attempt);
        })
        .AddOrchestratorFunc<int, string>(Retrying, async (ctx, failures) =>
        {
            try
            {
                return $"succeeded on attempt {await ctx.CallActivityAsync<int>(Flaky, failures, options)}";
            }
            catch (TaskFailedException failed)
            {
                return $"gave up: {failed.TaskName} {failed.FailureDetails.ErrorMessage}";
            }
        }));

    [Fact]
    public async Task A_failing_activity_is_retried_until_it_succeeds()
    {
        var attempts = new int[1];
        using var hub = CreateHub(attempts, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1))));

        var id = await hub.StartAsync(Retrying, 2);
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("succeeded on attempt 3", result.ReadOutputAs<string>());
        Assert.Equal(3, attempts[0]);
    }

    [Fact]
    public async Task Retries_stop_at_max_attempts_and_surface_the_last_failure()
    {
        var attempts = new int[1];
        using var hub = CreateHub(attempts, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1))));

        var id = await hub.StartAsync(Retrying, 10);
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("gave up: Flaky attempt 3", result.ReadOutputAs<string>());
        Assert.Equal(3, attempts[0]);
    }

    [Fact]
    public async Task Retries_wait_durable_timers_that_grow_exponentially()
    {
        var attempts = new int[1];
        using var hub = CreateHub(
            attempts,
            TaskOptions.FromRetryPolicy(new RetryPolicy(4, TimeSpan.FromSeconds(10), backoffCoefficient: 3)));

        var id = await hub.StartAsync(Retrying, 3);
        await hub.RunToCompletionAsync(id);

        Assert.Equal(
            ["activity", "timer +10s", "activity", "timer +30s", "activity", "timer +90s", "activity"],
            RetrySteps.Of(await hub.HistoryAsync(id)));
    }

    [Fact]
    public async Task Fifty_parallel_activities_that_each_fail_once_are_all_retried_to_completion()
    {
        var attempts = new int[50];
        using var hub = new TestHub(registry => registry
            .AddActivityFunc<int, int>(
                Flaky,
                (_, i) =>
                    Interlocked.Increment(ref attempts[i]) == 1
                        ? Task.FromException<int>(new TimeoutException("first try"))
                        : Task.FromResult(i))
            .AddOrchestratorFunc<int, int>(Sum, async (ctx, n) =>
            {
                var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1)));
                var results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>(
                    Flaky,
                    i,
                    retry)));
                return results.Sum();
            }));
        var id = await hub.StartAsync(Sum, 50);
        await HandleAllAsync(hub, hub.Engine.OrchestrationQueue, m => hub.Engine.HandleWakeUpAsync(m.Body));

        // Every first attempt fails before the instance wakes: one episode must take in 50 failures and start 50 retry
        // timers.
        await HandleAllAsync(
            hub,
            hub.Engine.ActivityQueues.Single(),
            m => hub.Engine.HandleWorkItemAsync(m.Body, m.DequeueCount));
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(Enumerable.Range(0, 50).Sum(), result.ReadOutputAs<int>());
        Assert.All(attempts, a => Assert.Equal(2, a));
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
