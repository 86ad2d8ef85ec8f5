using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>
/// A running instance's replayed orchestrator stays in memory between episodes, and is used only while no other
/// worker has committed an episode of the instance since.
/// </summary>
public sealed class ExecutionCacheTests
{
    private const string Echo = "Echo";

    [Fact]
    public async Task A_cached_instance_continues_where_its_last_episode_left_it_without_replaying()
    {
        var runs = 0;
        using var hub = new TestHub(registry => registry
            .AddActivityFunc<string, string>(Echo, (_, s) => s)
            .AddOrchestratorFunc<string, string>("ThreeSteps", async (ctx, input) =>
            {
                Interlocked.Increment(ref runs);
                var first = await ctx.CallActivityAsync<string>(Echo, input + "1");
                var second = await ctx.CallActivityAsync<string>(Echo, input + "2");
                return first + second + await ctx.CallActivityAsync<string>(Echo, input + "3");
            }));

        var result = await hub.RunToCompletionAsync(await hub.StartAsync("ThreeSteps", "x"));

        Assert.Equal("x1x2x3", result.ReadOutputAs<string>());
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task An_instance_another_worker_has_advanced_is_replayed_from_its_history_not_continued()
    {
        var runs = 0;
        using var hub = new TestHub(registry => registry
            .AddActivityFunc<string, string>(Echo, (_, s) => s)
            .AddOrchestratorFunc<string, string>("Waits", async (ctx, input) =>
            {
                Interlocked.Increment(ref runs);
                var first = await ctx.WaitForExternalEvent<string>("first");
                var second = await ctx.WaitForExternalEvent<string>("second");
                return input + first + second;
            }));
        var elsewhere = hub.CreateEngine(hub.Storage);
        var id = await hub.StartAsync("Waits", "x");
        await hub.RunUntilIdleAsync();
        await hub.Client.RaiseEventAsync(id, "first", "1");
        await TestHub.RunUntilIdleAsync(hub.Storage, elsewhere, abandonOnError: false);
        var runsBefore = runs;

        await hub.Client.RaiseEventAsync(id, "second", "2");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("x12", result.ReadOutputAs<string>());
        Assert.Equal(runsBefore + 1, runs);
    }

    [Fact]
    public async Task With_the_cache_off_every_episode_replays()
    {
        var runs = 0;
        using var hub = new TestHub(
            registry => registry
                .AddActivityFunc<string, string>(Echo, (_, s) => s)
                .AddOrchestratorFunc<string, string>("TwoSteps", async (ctx, input) =>
                {
                    Interlocked.Increment(ref runs);
                    return await ctx.CallActivityAsync<string>(Echo, input) + await ctx.CallActivityAsync<string>(
                        Echo,
                        input);
                }),
            configure: options => options.MaxCachedInstances = 0);

        await hub.RunToCompletionAsync(await hub.StartAsync("TwoSteps", "x"));

        Assert.Equal(3, runs);
    }
}
