using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Engine;
using Serverless.Durable.Tests.Support;
using Serverless.Workers.Queues;

namespace Serverless.Durable.Tests;

/// <summary>
/// On storage whose table and queues are separate, the outbox row of an episode that sends activities' work items is
/// written held: the sweep leaves it alone for minutes, since the execution's next commit deletes it. A worker may die
/// between that commit and the dispatch, where no message comes back to make another worker read the row (the commit
/// applied the outcome of an activity the worker ran on a claim), so the row names the worker, and whoever finds the
/// worker dead sends it at once. A process with no worker lease (Lambda mode), which nobody finds dead, holds none.
/// </summary>
public sealed class HeldOutboxTests : IDisposable
{
    private const string Fan = "Fan";
    private const string ClaimThenFan = "ClaimThenFan";
    private readonly TestHub _hub;

    public HeldOutboxTests()
    {
        _hub = TestHub.InMemory(
            registry => registry
                .AddActivityFunc<string, string>("Upper", (_, s) => s.ToUpperInvariant())
                .AddOrchestratorFunc<string, string[]>(Fan, (ctx, s) => FanAsync(ctx, s))
                .AddOrchestratorFunc<string, string[]>(ClaimThenFan, async (ctx, s) =>
                    await FanAsync(ctx, await ctx.CallActivityAsync<string>("Upper", s))));
    }

    [Fact]
    public async Task The_work_a_worker_committed_and_died_before_sending_is_sent_as_soon_as_it_is_found_dead()
    {
        var id = await _hub.StartAsync(ClaimThenFan, "ab");

        // The dying worker reads the partition and commits the episode with its claim, runs the activity and commits
        // the outcome with the fan-out's outbox (three storage calls), and dies before it sends.
        var dying = DyingWorker("doomed", crashAfterCalls: 3);
        await _hub.HandleOneWakeUpAsync(dying);
        await dying.LocalActivitiesIdleAsync();
        var held = Assert.Single(await _hub.OutboxRowsAsync(id));
        Assert.Equal("doomed", held[OutboxHold.ByProperty]);
        Assert.Null(held[OutboxClaim.UntilProperty]);
        Assert.Equal(0, await _hub.WorkItemCountAsync());
        Assert.Equal(0, await _hub.WakeUpCountAsync());

        // Held: the sweep would not find it for minutes.
        _hub.Time.Advance(_hub.HubOptions.SweepGrace + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await _hub.Engine.SweepAsync());

        Assert.Equal(0, await _hub.Engine.ReleaseHeldOutboxesAsync("someone-else"));
        Assert.Equal(1, await _hub.Engine.ReleaseHeldOutboxesAsync("doomed"));

        Assert.Equal(2, await _hub.WorkItemCountAsync());
        Assert.Empty(await _hub.OutboxRowsAsync(id));
        var done = await _hub.RunToCompletionAsync(id);
        Assert.Equal(["AB", "ABAB"], done.ReadOutputAs<string[]>()!);
    }

    [Fact]
    public async Task Without_a_worker_lease_an_outbox_is_not_held_so_the_sweep_sends_what_a_crash_left_unsent()
    {
        var id = await _hub.StartAsync(Fan, "ab");

        // Reads and commits (two storage calls), and dies before it sends.
        await Assert.ThrowsAsync<SimulatedCrashException>(
            () => _hub.HandleOneWakeUpAsync(DyingWorker(workerId: null, crashAfterCalls: 2)));
        var left = Assert.Single(await _hub.OutboxRowsAsync(id));
        Assert.Null(left[OutboxHold.ByProperty]);

        _hub.Time.Advance(_hub.HubOptions.SweepGrace + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _hub.Engine.SweepAsync());

        var done = await _hub.RunToCompletionAsync(id);
        Assert.Equal(["AB", "ABAB"], done.ReadOutputAs<string[]>()!);
        Assert.Empty(await _hub.OutboxRowsAsync(id));
    }

    [Fact]
    public async Task A_live_worker_sends_its_held_outbox_and_its_next_commit_deletes_it()
    {
        var id = await _hub.StartAsync(Fan, "ab");
        var worker = _hub.CreateEngine(_hub.OpenStorage(), worker: new LocalQueueWorkers { WorkerId = "alive" });

        await _hub.HandleOneWakeUpAsync(worker);
        Assert.Equal("alive", Assert.Single(await _hub.OutboxRowsAsync(id))[OutboxHold.ByProperty]);
        Assert.Equal(2, await _hub.WorkItemCountAsync());

        await TestHub.RunUntilIdleAsync(_hub.Storage, worker, abandonOnError: false);

        var done = await _hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
        Assert.Empty(await _hub.OutboxRowsAsync(id));
    }

    public void Dispose() => _hub.Dispose();

    private static Task<string[]> FanAsync(TaskOrchestrationContext context, string input) =>
        Task.WhenAll(
            context.CallActivityAsync<string>("Upper", input),
            context.CallActivityAsync<string>("Upper", input + input));

    private DurableTaskEngine DyingWorker(string? workerId, int crashAfterCalls) =>
        _hub.CreateEngine(
            new FaultInjectingStorageProvider(_hub.Storage, crashAfterCalls),
            worker: new LocalQueueWorkers { WorkerId = workerId });
}
