using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Engine;
using Serverless.Durable.Tests.Support;
using Serverless.Storage.Tables;
using Serverless.Workers.Queues;

namespace Serverless.Durable.Tests;

/// <summary>
/// On storage whose table and queues are separate (in memory here, committed as Azure Storage and DynamoDB + SQS are),
/// the activity an episode schedules alone runs on the worker that committed the episode, on a claim written in the
/// episode's outbox row, instead of through the activity queue; the claim is what makes a dying worker lose nothing.
/// </summary>
public sealed class ClaimedActivityTests : IDisposable
{
    private const string Twice = "Twice";
    private const string SlowThenPoke = "SlowThenPoke";
    private const string Both = "Both";
    private const string Slow = "Slow";
    private static readonly TimeSpan Claim = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _slowMayFinish = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TestHub _hub;
    private int _slowRuns;

    public ClaimedActivityTests() => _hub = Hub(maxConcurrentActivities: 64);

    [Fact]
    public async Task A_lone_activity_runs_on_the_worker_that_scheduled_it_with_no_message_either_way()
    {
        var id = await _hub.StartAsync(Twice, "ada");

        await _hub.HandleOneWakeUpAsync(_hub.Engine);
        await _hub.Engine.LocalActivitiesIdleAsync();

        var done = await _hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
        Assert.Equal("ADA", done.ReadOutputAs<string>());
        Assert.Equal(0, await _hub.WorkItemCountAsync());
        Assert.Equal(0, await _hub.WakeUpCountAsync());
        Assert.Empty(await _hub.OutboxRowsAsync(id));
    }

    [Fact]
    public async Task Activities_scheduled_together_go_through_the_queue()
    {
        var id = await _hub.StartAsync(Both, "ab");

        await _hub.HandleOneWakeUpAsync(_hub.Engine);

        Assert.Equal(2, await _hub.WorkItemCountAsync());
        var done = await _hub.RunToCompletionAsync(id);
        Assert.Equal(["AB", "ABAB"], done.ReadOutputAs<string[]>()!);
    }

    [Fact]
    public async Task A_worker_that_dies_holding_a_claim_leaves_its_activity_to_the_sweep_once_the_claim_runs_out()
    {
        var id = await _hub.StartAsync(Twice, "ada");

        // The dying worker reads the partition and commits the episode with its claim (two storage calls), runs the
        // activity, and dies before it can apply the outcome or give the claim back.
        var dying = _hub.CreateEngine(new FaultInjectingStorageProvider(_hub.Storage, crashAfterCalls: 2));
        await _hub.HandleOneWakeUpAsync(dying);
        await dying.LocalActivitiesIdleAsync();
        Assert.Single(await _hub.OutboxRowsAsync(id));

        _hub.Time.Advance(Claim - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await _hub.Engine.SweepAsync());
        await _hub.Engine.LocalActivitiesIdleAsync();
        Assert.Equal(0, await _hub.WorkItemCountAsync());

        _hub.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _hub.Engine.SweepAsync());
        await _hub.RunUntilIdleAsync();

        var done = await _hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
        Assert.Equal("ADA", done.ReadOutputAs<string>());
        Assert.Empty(await _hub.OutboxRowsAsync(id));
    }

    [Fact]
    public async Task The_claims_of_a_worker_found_dead_go_to_the_queue_at_once()
    {
        var id = await _hub.StartAsync(Twice, "ada");
        var dying = _hub.CreateEngine(
            new FaultInjectingStorageProvider(_hub.Storage, crashAfterCalls: 2),
            worker: new LocalQueueWorkers { WorkerId = "doomed" });
        await _hub.HandleOneWakeUpAsync(dying);
        await dying.LocalActivitiesIdleAsync();
        Assert.Equal("doomed", Assert.Single(await _hub.OutboxRowsAsync(id))[OutboxHold.ByProperty]);

        Assert.Equal(0, await _hub.Engine.ReleaseHeldOutboxesAsync("someone-else"));
        Assert.Equal(1, await _hub.Engine.ReleaseHeldOutboxesAsync("doomed"));

        Assert.Equal(1, await _hub.WorkItemCountAsync());
        Assert.Empty(await _hub.OutboxRowsAsync(id));
        await _hub.RunUntilIdleAsync();
        var done = await _hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("ADA", done!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Another_workers_episode_leaves_a_held_claim_alone_and_the_outcome_reaches_it_through_the_inbox()
    {
        var id = await _hub.StartAsync(SlowThenPoke, "ada");
        await _hub.HandleOneWakeUpAsync(_hub.Engine);
        var other = _hub.CreateEngine(_hub.OpenStorage());

        await _hub.Client.RaiseEventAsync(id, "poke", "?");
        await _hub.HandleOneWakeUpAsync(other);
        Assert.Equal(0, await _hub.WorkItemCountAsync());
        Assert.Single(await _hub.OutboxRowsAsync(id));

        _slowMayFinish.SetResult();
        await _hub.Engine.LocalActivitiesIdleAsync();
        await TestHub.RunUntilIdleAsync(_hub.Storage, other, abandonOnError: false);

        var done = await _hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("ada!?", done!.ReadOutputAs<string>());
        Assert.Equal(1, _slowRuns);
        Assert.Empty(await _hub.OutboxRowsAsync(id));
    }

    [Fact]
    public async Task A_claim_is_renewed_while_its_activity_runs_so_no_other_worker_runs_it_too()
    {
        var id = await _hub.StartAsync(SlowThenPoke, "ada");
        await _hub.HandleOneWakeUpAsync(_hub.Engine);
        var first = ClaimedUntil(Assert.Single(await _hub.OutboxRowsAsync(id)));

        // A second at a time, each renewal given the time to be written before the clock moves on.
        while (_hub.Time.GetUtcNow() < first + Claim)
        {
            var before = ClaimedUntil(Assert.Single(await _hub.OutboxRowsAsync(id)));
            await Eventually.TrueAsync(
                async () =>
                {
                    _hub.Time.Advance(TimeSpan.FromSeconds(1));
                    return ClaimedUntil(Assert.Single(await _hub.OutboxRowsAsync(id))) > before;
                },
                "the claim moved forward");
        }

        Assert.True(
            ClaimedUntil(Assert.Single(await _hub.OutboxRowsAsync(id))) > _hub.Time.GetUtcNow(),
            "the claim is still held");
        Assert.Equal(0, await _hub.Engine.SweepAsync());
        Assert.Equal(0, await _hub.WorkItemCountAsync());

        _slowMayFinish.SetResult();
        await _hub.Client.RaiseEventAsync(id, "poke", "?");
        var done = await _hub.RunToCompletionAsync(id);
        Assert.Equal("ada!?", done.ReadOutputAs<string>());
        Assert.Equal(1, _slowRuns);
    }

    [Fact]
    public async Task A_claim_that_runs_out_while_its_worker_caches_the_execution_is_sent_by_the_sweep()
    {
        var id = await StartSlowActivityAsync();

        // The claim's renewal lost (the row changed under it, as when storage timed a renewal out), so it runs out
        // while this worker still caches the execution its claiming episode committed.
        var row = Assert.Single(await _hub.OutboxRowsAsync(id));
        var instances = _hub.Storage.GetTable(_hub.Engine.Hub.Options.InstancesTable);
        await instances.ReplaceAsync(
            OutboxClaim.Claimed(row, _hub.Time.GetUtcNow(), _hub.HubOptions.SweepGrace, by: null), row.ETag!);
        _hub.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await _hub.Engine.SweepAsync());

        await AssertSentToTheQueueAndCompletedAsync(id);
    }

    [Fact]
    public async Task A_stopping_worker_hands_the_activities_still_running_to_the_queue()
    {
        var id = await StartSlowActivityAsync();

        await _hub.Engine.StopLocalActivitiesAsync(TimeSpan.Zero);

        await AssertSentToTheQueueAndCompletedAsync(id);
    }

    [Fact]
    public async Task Claims_past_the_running_limit_wait_for_a_slot_instead_of_going_through_the_queue()
    {
        using var hub = Hub(maxConcurrentActivities: 1);
        var ids = await ClaimTwoSlowActivitiesAsync(hub);
        Assert.Equal(2, hub.Engine.ClaimedActivities);
        Assert.Equal(0, await hub.WorkItemCountAsync());
        Assert.Equal(1, Volatile.Read(ref _slowRuns));

        _slowMayFinish.SetResult();
        await hub.Engine.LocalActivitiesIdleAsync();
        Assert.Equal(2, _slowRuns);
        Assert.Equal(0, await hub.WorkItemCountAsync());
        foreach (var id in ids)
        {
            await hub.Client.RaiseEventAsync(id, "poke", "?");
            Assert.EndsWith("!?", (await hub.RunToCompletionAsync(id)).ReadOutputAs<string>());
        }
    }

    [Fact]
    public async Task A_stopping_worker_hands_claims_still_waiting_for_a_slot_to_the_queue_at_once()
    {
        using var hub = Hub(maxConcurrentActivities: 1);
        await ClaimTwoSlowActivitiesAsync(hub);

        var stopping = hub.Engine.StopLocalActivitiesAsync(TimeSpan.FromMinutes(1));
        await Eventually.ValueAsync(hub.WorkItemCountAsync, count => count == 1, "the waiting claim is handed back");
        Assert.False(stopping.IsCompleted, "the running activity is still given its drain");
        _slowMayFinish.SetResult();
        await stopping;

        Assert.Equal(1, await hub.WorkItemCountAsync());
        Assert.Equal(1, _slowRuns);
    }

    public void Dispose() => _hub.Dispose();

    private static DateTimeOffset ClaimedUntil(Storage.Tables.TableEntity row) =>
        Timestamps.Parse(row[OutboxClaim.UntilProperty]!);

    /// <summary>Starts an instance whose slow activity the hub claims, and waits for it to run.</summary>
    private async Task<string> StartSlowActivityAsync()
    {
        var id = await _hub.StartAsync(SlowThenPoke, "ada");
        await _hub.HandleOneWakeUpAsync(_hub.Engine);
        await Eventually.TrueAsync(() => Volatile.Read(ref _slowRuns) == 1, "the activity began");
        return id;
    }

    /// <summary>
    /// Asserts that <paramref name="id"/>'s work item went to the queue with its outbox row gone, and that the instance
    /// then completes.
    /// </summary>
    private async Task AssertSentToTheQueueAndCompletedAsync(string id)
    {
        Assert.Equal(1, await _hub.WorkItemCountAsync());
        Assert.Empty(await _hub.OutboxRowsAsync(id));
        _slowMayFinish.SetResult();
        await _hub.Client.RaiseEventAsync(id, "poke", "?");
        var done = await _hub.RunToCompletionAsync(id);
        Assert.Equal("ada!?", done.ReadOutputAs<string>());
    }

    private TestHub Hub(int maxConcurrentActivities) => TestHub.InMemory(
        Register,
        options =>
        {
            options.LocalActivityClaim = Claim;
            options.MaxConcurrentActivities = maxConcurrentActivities;
        });

    /// <summary>Starts two instances whose slow activities the hub claims, and waits for one to run.</summary>
    private async Task<string[]> ClaimTwoSlowActivitiesAsync(TestHub hub)
    {
        string[] ids = [await hub.StartAsync(SlowThenPoke, "a"), await hub.StartAsync(SlowThenPoke, "b")];
        foreach (var _ in ids)
        {
            await hub.HandleOneWakeUpAsync(hub.Engine);
        }

        await Eventually.TrueAsync(() => Volatile.Read(ref _slowRuns) == 1, "the first activity began");
        return ids;
    }

    private void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<string, string>("Upper", (_, s) => s.ToUpperInvariant())
        .AddActivityFunc<string, string>(Slow, async (_, s) =>
        {
            Interlocked.Increment(ref _slowRuns);
            await _slowMayFinish.Task;
            return s + "!";
        })
        .AddOrchestratorFunc<string, string>(Twice, async (ctx, s) =>
            await ctx.CallActivityAsync<string>("Upper", await ctx.CallActivityAsync<string>("Upper", s)))
        .AddOrchestratorFunc<string, string>(SlowThenPoke, async (ctx, s) =>
        {
            var slow = ctx.CallActivityAsync<string>(Slow, s);
            var poke = ctx.WaitForExternalEvent<string>("poke");
            await Task.WhenAll(slow, poke);
            return slow.Result + poke.Result;
        })
        .AddOrchestratorFunc<string, string[]>(Both, (ctx, s) => Task.WhenAll(
            ctx.CallActivityAsync<string>("Upper", s),
            ctx.CallActivityAsync<string>("Upper", s + s)));
}
