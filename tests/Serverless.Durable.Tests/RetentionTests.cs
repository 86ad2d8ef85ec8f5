using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Durable.Retention;
using Serverless.Durable.Tests.Support;
using Serverless.Storage;

namespace Serverless.Durable.Tests;

/// <summary>
/// The background retention: finished instances whose last update is older than the configured age are purged in
/// bounded batches; nothing unfinished, recent or still needed is touched, and several workers may run it at once.
/// </summary>
public sealed class RetentionTests
{
    private const string Upper = "Upper";
    private const string Quick = "Quick";
    private const string Failing = "Failing";
    private const string Waiting = "Waiting";
    private const string Child = "Child";
    private const string ParentThenWait = "ParentThenWait";
    private const string Parent = "Parent";
    private const string Long = "Long";
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private static TestHub CreateHub(Action<RetentionOptions>? retention = null) => new(
        registry => registry
            .AddActivityFunc<string, string>(Upper, (_, s) => s.ToUpperInvariant())
            .AddOrchestratorFunc<string, string>(Quick, (ctx, input) => ctx.CallActivityAsync<string>(Upper, input))
            .AddOrchestratorFunc<string, string>(
                Failing,
                (_, input) => Task.FromException<string>(new InvalidOperationException(input)))
            .AddOrchestratorFunc<string, string>(Waiting, (ctx, _) => ctx.WaitForExternalEvent<string>("never"))
            .AddOrchestratorFunc<string, string>(Child, (ctx, input) => ctx.CallActivityAsync<string>(Upper, input))
            .AddOrchestratorFunc<string, string>(
                Parent,
                async (ctx, input) => "parent got " + await ctx.CallSubOrchestratorAsync<string>(Child, input))
            .AddOrchestratorFunc<string, string>(ParentThenWait, async (ctx, input) =>
            {
                await ctx.CallSubOrchestratorAsync<string>(
                    Child,
                    input,
                    new SubOrchestrationOptions(instanceId: input + "-child"));
                return await ctx.WaitForExternalEvent<string>("never");
            })
            .AddOrchestratorFunc<int, int>(Long, async (ctx, steps) =>
            {
                for (var i = 0; i < steps; i++)
                {
                    await ctx.CallActivityAsync<string>(Upper, "step");
                }

                return steps;
            }),
        configure: options => retention?.Invoke(options.Retention));

    private static HistoryRetention RetentionOf(TestHub hub, IStorageProvider? storage = null) =>
        new(storage ?? hub.Storage, Options.Create(hub.HubOptions), hub.Time);

    [Fact]
    public async Task Completed_failed_and_terminated_instances_older_than_the_max_age_are_purged_and_recent_ones_kept()
    {
        using var hub = CreateHub();
        await hub.StartAsync(Quick, "x", "old-completed");
        await hub.StartAsync(Failing, "boom", "old-failed");
        await hub.StartAsync(Waiting, "", "old-terminated");
        await hub.RunUntilIdleAsync();
        await hub.Client.TerminateInstanceAsync("old-terminated");
        await hub.RunUntilIdleAsync();
        Assert.Equal(
            OrchestrationRuntimeStatus.Failed,
            (await hub.Client.GetInstanceAsync("old-failed"))!.RuntimeStatus);
        hub.Time.Advance(Week + TimeSpan.FromMinutes(1));
        await hub.StartAsync(Quick, "y", "recent-completed");
        await hub.RunUntilIdleAsync();

        var pass = await RetentionOf(hub).RunPassAsync();

        Assert.Equal(3, pass.Purged);
        Assert.Null(await hub.Client.GetInstanceAsync("old-completed"));
        Assert.Null(await hub.Client.GetInstanceAsync("old-failed"));
        Assert.Null(await hub.Client.GetInstanceAsync("old-terminated"));
        await Assert.ThrowsAsync<Client.InstanceNotFoundException>(() =>
            hub.Client.GetOrchestrationHistoryAsync("old-completed"));
        Assert.Equal(
            OrchestrationRuntimeStatus.Completed,
            (await hub.Client.GetInstanceAsync("recent-completed"))!.RuntimeStatus);
        Assert.Equal(0, (await RetentionOf(hub).RunPassAsync()).Purged);
    }

    [Fact]
    public async Task An_old_instance_finished_recently_is_kept_until_it_has_been_finished_longer_than_the_max_age()
    {
        // The same meaning as the Function App's retention (RetentionFunctionTests): the age counts from the last
        // update.
        using var hub = CreateHub();
        await hub.StartAsync(Waiting, "", "long-runner");
        await hub.RunUntilIdleAsync();
        hub.Time.Advance(Week + TimeSpan.FromDays(1));
        await hub.Client.TerminateInstanceAsync("long-runner");
        await hub.RunUntilIdleAsync();

        var justFinished = await RetentionOf(hub).RunPassAsync();
        hub.Time.Advance(Week + TimeSpan.FromMinutes(1));
        var expired = await RetentionOf(hub).RunPassAsync();

        Assert.Equal((0, 1), (justFinished.Purged, expired.Purged));
        Assert.Null(await hub.Client.GetInstanceAsync("long-runner"));
    }

    [Fact]
    public async Task Running_pending_and_suspended_instances_are_never_purged_however_old()
    {
        using var hub = CreateHub();
        await hub.StartAsync(Waiting, "", "running");
        await hub.StartAsync(Waiting, "", "suspended");
        await hub.RunUntilIdleAsync();
        await hub.Client.SuspendInstanceAsync("suspended", "hold");
        await hub.RunUntilIdleAsync();
        await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            Quick,
            "later",
            new StartOrchestrationOptions("pending", StartAt: hub.Time.GetUtcNow() + TimeSpan.FromDays(365)));
        hub.Time.Advance(TimeSpan.FromDays(90));

        var pass = await RetentionOf(hub).RunPassAsync();

        Assert.Equal(0, pass.Purged);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Client.GetInstanceAsync("running"))!.RuntimeStatus);
        Assert.Equal(
            OrchestrationRuntimeStatus.Suspended,
            (await hub.Client.GetInstanceAsync("suspended"))!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await hub.Client.GetInstanceAsync("pending"))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_backlog_larger_than_a_batch_is_purged_over_several_batches_of_at_most_the_batch_size()
    {
        using var hub = CreateHub(r => r.BatchSize = 10);
        for (var i = 0; i < 35; i++)
        {
            await hub.StartAsync(Quick, "x", $"done-{i:D2}");
        }

        await hub.StartAsync(Waiting, "", "running");
        await hub.RunUntilIdleAsync();
        hub.Time.Advance(Week + TimeSpan.FromMinutes(1));
        var retention = RetentionOf(hub);

        var first = await retention.PurgeBatchAsync(retention.Cutoff);
        var left = await CountAsync(hub, OrchestrationRuntimeStatus.Completed);
        var rest = await retention.RunPassAsync();

        Assert.Equal((10, 10), (first.Candidates, first.Purged));
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(25, left);
        Assert.Equal(25, rest.Purged);
        Assert.True(rest.Batches >= 3, $"26 candidates in batches of 10 take at least 3 batches, took {rest.Batches}");
        Assert.Equal(0, await CountAsync(hub, OrchestrationRuntimeStatus.Completed));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Client.GetInstanceAsync("running"))!.RuntimeStatus);
    }

    [Fact]
    public async Task Two_retention_passes_interleaved_purge_each_instance_once_and_fail_nothing()
    {
        using var hub = CreateHub(r => r.BatchSize = 4);
        for (var i = 0; i < 9; i++)
        {
            await hub.StartAsync(Quick, "x", $"done-{i}");
        }

        await hub.RunUntilIdleAsync();
        hub.Time.Advance(Week + TimeSpan.FromMinutes(1));
        var other = RetentionOf(hub, hub.OpenStorage());
        var otherPass = new RetentionPass(0, 0);

        // The first pass reads its first batch, then, just before its first delete, the other process runs a whole
        // pass.
        var racing = new InterleavingStorageProvider(
            hub.OpenStorage(),
            async () => otherPass = await other.RunPassAsync());
        var pass = await RetentionOf(hub, racing).RunPassAsync();

        Assert.Equal(9, pass.Purged + otherPass.Purged);
        Assert.Equal(9, otherPass.Purged);
        Assert.Equal(0, await CountAsync(hub, OrchestrationRuntimeStatus.Completed));
    }

    [Fact]
    public async Task Two_retention_passes_at_once_in_two_connections_purge_each_instance_once_and_fail_nothing()
    {
        using var hub = CreateHub(r => r.BatchSize = 5);
        for (var i = 0; i < 40; i++)
        {
            await hub.StartAsync(Quick, "x", $"done-{i:D2}");
        }

        // One instance with more rows than one storage batch holds, so its purge takes several guarded chunks.
        await hub.StartAsync(Long, 120, "long");
        await hub.RunUntilIdleAsync(limit: 20_000);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await hub.Client.GetInstanceAsync("long"))!.RuntimeStatus);
        hub.Time.Advance(Week + TimeSpan.FromMinutes(1));
        var one = RetentionOf(hub, hub.OpenStorage());
        var two = RetentionOf(hub, hub.OpenStorage());

        var passes = await Task.WhenAll(Task.Run(() => one.RunPassAsync()), Task.Run(() => two.RunPassAsync()));

        Assert.Equal(41, passes.Sum(p => p.Purged));
        Assert.Equal(0, await CountAsync(hub, OrchestrationRuntimeStatus.Completed));
        Assert.Empty(await hub.Storage.GetTable(hub.HubOptions.TaskHub + "Instances").QueryPartitionAsync("long"));
    }

    [Fact]
    public async Task A_max_age_of_zero_turns_retention_off_and_purges_nothing()
    {
        using var hub = CreateHub(r => r.MaxAge = TimeSpan.Zero);
        await hub.StartAsync(Quick, "x", "done");
        await hub.RunUntilIdleAsync();
        hub.Time.Advance(TimeSpan.FromDays(3650));
        var retention = RetentionOf(hub);
        using var service = new HistoryRetentionService(retention, NullLogger.Instance, hub.Time);

        var pass = await retention.RunPassAsync();
        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(retention.Options.Enabled);
        Assert.Equal((0, 0), (pass.Batches, pass.Purged));
        Assert.Equal(0, service.PassesRun);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await hub.Client.GetInstanceAsync("done"))!.RuntimeStatus);
    }

    [Fact]
    public async Task The_background_service_purges_on_start_and_again_every_interval()
    {
        using var hub = CreateHub(r => r.Interval = TimeSpan.FromHours(1));
        await hub.StartAsync(Quick, "x", "first");
        await hub.RunUntilIdleAsync();
        hub.Time.Advance(Week + TimeSpan.FromMinutes(1));
        await hub.StartAsync(Quick, "x", "second");
        await hub.RunUntilIdleAsync();
        using var service = new HistoryRetentionService(RetentionOf(hub), NullLogger.Instance, hub.Time);

        await service.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(
            async () => service.PassesRun >= 1 && await hub.Client.GetInstanceAsync("first") is null,
            "the first pass purged the first instance");
        var secondAfterFirstPass = await hub.Client.GetInstanceAsync("second");
        hub.Time.Advance(Week);

        // The service may not be waiting on the clock yet when it moves: move it by an interval until the next pass
        // ran.
        await Eventually.TrueAsync(
            async () =>
            {
                hub.Time.Advance(TimeSpan.FromHours(1));
                return await hub.Client.GetInstanceAsync("second") is null;
            },
            "a later pass purged the second instance");
        await service.StopAsync(CancellationToken.None);

        Assert.NotNull(secondAfterFirstPass);
    }

    [Fact]
    public async Task A_sub_orchestration_is_kept_while_its_parent_runs_and_purged_once_the_parent_has_finished()
    {
        using var hub = CreateHub();
        await hub.StartAsync(ParentThenWait, "p", "p");
        await hub.RunUntilIdleAsync();
        Assert.Equal(
            OrchestrationRuntimeStatus.Completed,
            (await hub.Client.GetInstanceAsync("p-child"))!.RuntimeStatus);
        hub.Time.Advance(Week + TimeSpan.FromMinutes(1));

        var whileParentRuns = await RetentionOf(hub).RunPassAsync();
        await hub.Client.TerminateInstanceAsync("p");
        await hub.RunUntilIdleAsync();
        var afterParentFinished = await RetentionOf(hub).RunPassAsync();

        Assert.Equal(0, whileParentRuns.Purged);
        Assert.Equal(1, afterParentFinished.Purged);
        Assert.Null(await hub.Client.GetInstanceAsync("p-child"));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await hub.Client.GetInstanceAsync("p"))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_finished_sub_orchestration_is_not_purged_until_its_result_has_reached_the_parent()
    {
        using var hub = CreateHub();
        await hub.StartAsync(Parent, "x", "parent");
        await HandleOneAsync(hub, hub.Engine.OrchestrationQueue, m => hub.Engine.HandleWakeUpAsync(m.Body));
        await HandleOneAsync(hub, hub.Engine.OrchestrationQueue, m => hub.Engine.HandleWakeUpAsync(m.Body));
        await HandleOneAsync(
            hub,
            hub.Engine.ActivityQueues.Single(),
            m => hub.Engine.HandleWorkItemAsync(m.Body, m.DequeueCount));

        // The child's last episode reads and commits (two storage calls), then the process dies before delivering the
        // result.
        var doomed = hub.CreateEngine(new FaultInjectingStorageProvider(hub.Storage, crashAfterCalls: 2));
        var wakeUp = Assert.Single(await hub.Storage.GetQueue(hub.Engine.OrchestrationQueue).ReceiveAsync(
            1,
            TimeSpan.FromMinutes(5)));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => doomed.HandleWakeUpAsync(wakeUp.Body));
        var child = await ChildOfAsync(hub);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Client.GetInstanceAsync("parent"))!.RuntimeStatus);

        var explicitPurge = await hub.Client.PurgeInstanceAsync(child.InstanceId);
        var parentRow = await hub.Client.GetInstanceAsync("parent");
        var result = await hub.RunToCompletionAsync("parent", TimeSpan.FromMinutes(5));

        Assert.Equal(0, explicitPurge.PurgedInstanceCount);
        Assert.NotNull(parentRow);
        Assert.Equal("parent got X", result.ReadOutputAs<string>());
        Assert.Equal(1, (await hub.Client.PurgeInstanceAsync(child.InstanceId)).PurgedInstanceCount);
    }

    [Fact]
    public async Task Purging_the_same_instance_from_two_clients_at_once_counts_it_once()
    {
        using var hub = CreateHub();
        await hub.StartAsync(Long, 120, "long");
        await hub.RunUntilIdleAsync(limit: 20_000);
        var other = hub.CreateClient(hub.OpenStorage());
        var otherCount = -1;
        var racing = hub.CreateClient(new InterleavingStorageProvider(
            hub.OpenStorage(),
            async () => otherCount = (await other.PurgeInstanceAsync("long")).PurgedInstanceCount));

        var count = (await racing.PurgeInstanceAsync("long")).PurgedInstanceCount;

        Assert.Equal((0, 1), (count, otherCount));
        Assert.Null(await hub.Client.GetInstanceAsync("long"));
        Assert.Empty(await hub.Storage.GetTable(hub.HubOptions.TaskHub + "Instances").QueryPartitionAsync("long"));
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1001, 1.0)]
    [InlineData(100, 0.0)]
    public void Settings_out_of_range_are_refused_naming_the_setting(int batchSize, double intervalHours)
    {
        using var hub = CreateHub(r => (r.BatchSize, r.Interval) = (batchSize, TimeSpan.FromHours(intervalHours)));

        var error = Assert.Throws<ArgumentException>(() => RetentionOf(hub));

        Assert.Contains("Durable:Retention:", error.Message, StringComparison.Ordinal);
    }

    private static async Task<OrchestrationMetadata> ChildOfAsync(TestHub hub)
    {
        await foreach (var instance in hub.Client.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            if (instance.Name == Child)
            {
                return instance;
            }
        }

        throw new InvalidOperationException("No child instance.");
    }

    private static async Task<int> CountAsync(TestHub hub, OrchestrationRuntimeStatus status)
    {
        var count = 0;
        await foreach (var _ in hub.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [status] }))
        {
            count++;
        }

        return count;
    }

    private static async Task HandleOneAsync(
        TestHub hub,
        string queueName,
        Func<Storage.Queues.QueueMessage,
        Task> handle)
    {
        var queue = hub.Storage.GetQueue(queueName);
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5)));
        await handle(message);
        await queue.CompleteAsync(message);
    }
}
