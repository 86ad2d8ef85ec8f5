using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>
/// The engine's metrics (<see cref="DurableMetrics"/>), read through its own meter factory: each fact once, however
/// often the history is replayed.
/// </summary>
public sealed class EngineMetricsTests
{
    private const string Step = "Step";
    private const string ThreeSteps = "ThreeSteps";
    private const string Flaky = "Flaky";
    private const string Retrying = "Retrying";
    private const string Noop = "Noop";

    [Theory]
    [InlineData(0)]
    [InlineData(1024)]
    public async Task Committed_episodes_are_counted_and_replays_only_when_no_execution_is_held_in_memory(
        int cachedInstances)
    {
        using var meters = new TestMeterFactory();
        using var hub = new TestHub(
            registry => registry
                .AddActivityFunc<int, int>(Step, (_, n) => Task.FromResult(n + 1))
                .AddOrchestratorFunc<int, int>(ThreeSteps, async (context, n) =>
                {
                    for (var i = 0; i < 3; i++)
                    {
                        n = await context.CallActivityAsync<int>(Step, n);
                    }

                    return n;
                }),
            configure: options => options.MaxCachedInstances = cachedInstances,
            meters: meters);
        using var episodes = new MetricCollector<long>(meters, DurableMetrics.MeterName, "durable.episodes");
        using var replays = new MetricCollector<long>(meters, DurableMetrics.MeterName, "durable.replays");

        var id = await hub.StartAsync(ThreeSteps, 0);
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(3, result.ReadOutputAs<int>());
        // The start, then one episode per outcome; without the cache every one after the first replays history.
        Assert.Equal(4, episodes.Sum("name", ThreeSteps));
        Assert.Equal(cachedInstances == 0 ? 3 : 0, replays.Sum("name", ThreeSteps));
    }

    [Theory]
    [InlineData(2, 5, 2, 1, 2)]
    [InlineData(10, 3, 2, 0, 3)]
    public async Task Retries_and_activity_runs_are_counted_once_each_although_every_episode_replays(
        int failures,
        int maxAttempts,
        int retries,
        int completedRuns,
        int failedRuns)
    {
        using var meters = new TestMeterFactory();
        var options = TaskOptions.FromRetryPolicy(new RetryPolicy(maxAttempts, TimeSpan.FromSeconds(1)));
        var attempts = 0;
        using var hub = new TestHub(
            registry => registry
                .AddActivityFunc<int, int>(Flaky, (_, failing) =>
                {
                    var attempt = Interlocked.Increment(ref attempts);
                    return attempt <= failing
                        ? Task.FromException<int>(new TimeoutException($"attempt {attempt}"))
                        : Task.FromResult(attempt);
                })
                .AddOrchestratorFunc<int, string>(Retrying, async (context, failing) =>
                {
                    try
                    {
                        return $"attempt {await context.CallActivityAsync<int>(Flaky, failing, options)}";
                    }
                    catch (TaskFailedException)
                    {
                        return "gave up";
                    }
                }),
            configure: options => options.MaxCachedInstances = 0,
            meters: meters);
        using var retried = new MetricCollector<long>(meters, DurableMetrics.MeterName, "durable.activity.retries");
        using var durations = new MetricCollector<double>(
            meters,
            DurableMetrics.MeterName,
            "durable.activity.duration");

        var id = await hub.StartAsync(Retrying, failures);
        await hub.RunToCompletionAsync(id);

        Assert.Equal(retries, retried.Sum("name", Flaky));
        var runs = durations.GetMeasurementSnapshot();
        Assert.All(runs, run => Assert.Equal(Flaky, run.Tags["name"]));
        Assert.All(runs, run => Assert.True(run.Value >= 0));
        Assert.Equal(completedRuns, runs.Count(run => Equals(run.Tags["outcome"], "completed")));
        Assert.Equal(failedRuns, runs.Count(run => Equals(run.Tags["outcome"], "failed")));
    }

    [Fact]
    public async Task Queue_depth_shows_ready_and_scheduled_messages_and_the_wait_of_the_oldest_ready_one()
    {
        using var meters = new TestMeterFactory();
        using var hub = new TestHub(
            registry => registry.AddOrchestratorFunc<int, int>(Noop, (_, n) => Task.FromResult(n)),
            configure: options => options.QueueMetricsInterval = TimeSpan.Zero,
            meters: meters);
        using var depth = new MetricCollector<long>(meters, DurableMetrics.MeterName, "durable.queue.depth");
        using var age = new MetricCollector<double>(meters, DurableMetrics.MeterName, "durable.queue.oldest_ready_age");
        var queue = hub.Engine.OrchestrationQueue;
        (string, string) InQueue = ("queue", queue);

        await hub.StartAsync(Noop, 1);
        await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            Noop,
            2,
            new StartOrchestrationOptions(StartAt: hub.Time.GetUtcNow() + TimeSpan.FromHours(1)));
        hub.Time.Advance(TimeSpan.FromSeconds(10));

        var before = await depth.ObservedAsync(
            o => o.ValueOf(InQueue, ("state", "ready")) == 1 && o.ValueOf(InQueue, ("state", "scheduled")) == 1,
            "one wake-up ready and one due in an hour");
        Assert.All(
            hub.Engine.ActivityQueues,
            activities => Assert.Equal(0, before.ValueOf(("queue", activities), ("state", "ready"))));
        var waited = await age.ObservedAsync(o => o.ValueOf(InQueue) >= 10, "the ready wake-up has waited 10 s");
        Assert.InRange(waited.ValueOf(InQueue)!.Value, 10, 11);

        await hub.RunUntilIdleAsync();

        await depth.ObservedAsync(
            o => o.ValueOf(InQueue, ("state", "ready")) == 0 && o.ValueOf(InQueue, ("state", "scheduled")) == 1,
            "the ready wake-up handled, the later one still waiting");
        await age.ObservedAsync(o => o.ValueOf(InQueue) == 0, "no wake-up is ready");
    }
}
