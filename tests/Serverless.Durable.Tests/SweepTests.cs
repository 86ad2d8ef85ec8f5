using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Tests.Support;
using Serverless.Storage;
using Serverless.Storage.Queues;

namespace Serverless.Durable.Tests;

/// <summary>
/// A wake-up is only a signal: when it is lost, the sweep finds the work it announced and wakes the instance.
/// </summary>
public sealed class SweepTests
{
    private const string Upper = "Upper";
    private const string OneStep = "OneStep";
    private const string AwaitGo = "AwaitGo";
    private const string StartOverOnGo = "StartOverOnGo";

    private static TestHub CreateHub() => new(registry => registry
        .AddActivityFunc<string, string>(Upper, (_, s) => s.ToUpperInvariant())
        .AddOrchestratorFunc<string, string>(OneStep, (ctx, input) => ctx.CallActivityAsync<string>(Upper, input))
        .AddOrchestratorFunc<string, string>(AwaitGo, (ctx, _) => ctx.WaitForExternalEvent<string>("go"))
        .AddOrchestratorFunc<int, string>(StartOverOnGo, async (ctx, round) =>
        {
            if (round > 0)
            {
                return await ctx.WaitForExternalEvent<string>("never");
            }

            await Task.WhenAny(ctx.CallActivityAsync<string>(Upper, "late"), ctx.WaitForExternalEvent<string>("go"));
            ctx.ContinueAsNew(1);
            return "";
        }),
        // Work items through their queues, whose messages these tests lose: ClaimedActivityTests cover claims.
        configure: options => options.LocalActivityClaim = TimeSpan.Zero);

    [Fact]
    public async Task An_activity_result_whose_wake_up_went_to_the_poison_queue_is_applied_after_a_sweep()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(OneStep, "x");
        await HandleOneAsync(hub, hub.Engine.OrchestrationQueue, m => hub.Engine.HandleWakeUpAsync(m.Body));
        await HandleOneAsync(
            hub,
            hub.Engine.ActivityQueues.Single(),
            m => hub.Engine.HandleWorkItemAsync(m.Body, m.DequeueCount));
        await PoisonTheWakeUpAsync(hub);

        hub.Time.Advance(hub.HubOptions.SweepGrace + TimeSpan.FromSeconds(1));
        var woken = await hub.Engine.SweepAsync();
        await hub.RunUntilIdleAsync();

        Assert.Equal(1, woken);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal(0, await hub.Engine.SweepAsync());
    }

    [Fact]
    public async Task An_outbox_left_undispatched_whose_wake_up_went_to_the_poison_queue_is_dispatched_after_a_sweep()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(OneStep, "x");

        // The episode reads and commits (two storage calls), then the process dies before sending the work item.
        var doomed = hub.CreateEngine(new FaultInjectingStorageProvider(hub.Storage, crashAfterCalls: 2));
        var wakeUp = Assert.Single(await hub.Storage.GetQueue(hub.Engine.OrchestrationQueue).ReceiveAsync(
            1,
            TimeSpan.FromMinutes(5)));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => doomed.HandleWakeUpAsync(wakeUp.Body));
        hub.Time.Advance(TimeSpan.FromMinutes(5)); // the dead process's wake-up reappears after its visibility timeout
        await PoisonTheWakeUpAsync(hub);

        hub.Time.Advance(hub.HubOptions.SweepGrace + TimeSpan.FromMinutes(10));
        await hub.Engine.SweepAsync();
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("X", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_whose_wake_up_was_never_sent_is_delivered_after_a_sweep()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(AwaitGo, "");
        await hub.RunUntilIdleAsync();

        // The raising process reads the instance and writes the event (two storage calls), then dies before the
        // wake-up.
        var dying = hub.CreateClient(new FaultInjectingStorageProvider(hub.Storage, crashAfterCalls: 2));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => dying.RaiseEventAsync(id, "go", "now"));
        hub.Time.Advance(hub.HubOptions.SweepGrace + TimeSpan.FromSeconds(1));
        await hub.Engine.SweepAsync();
        await hub.RunUntilIdleAsync();

        Assert.Equal("now", (await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_late_result_for_an_execution_that_continued_as_new_is_discarded_and_not_swept_again()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(StartOverOnGo, 0);
        await HandleOneAsync(hub, hub.Engine.OrchestrationQueue, m => hub.Engine.HandleWakeUpAsync(m.Body));
        await hub.Client.RaiseEventAsync(id, "go", "now");
        await HandleOneAsync(hub, hub.Engine.OrchestrationQueue, m =>
            hub.Engine.HandleWakeUpAsync(m.Body)); // continues as new
        await HandleOneAsync(hub, hub.Engine.OrchestrationQueue, m =>
            hub.Engine.HandleWakeUpAsync(m.Body)); // the next execution waits

        await HandleOneAsync(
            hub,
            hub.Engine.ActivityQueues.Single(),
            m => hub.Engine.HandleWorkItemAsync(m.Body, m.DequeueCount));
        await hub.RunUntilIdleAsync();
        hub.Time.Advance(hub.HubOptions.SweepGrace + TimeSpan.FromSeconds(1));
        var woken = await hub.Engine.SweepAsync();

        Assert.Equal(0, woken);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_late_result_for_a_purged_instance_is_discarded_and_not_swept_again()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(OneStep, "x");
        await HandleOneAsync(hub, hub.Engine.OrchestrationQueue, m => hub.Engine.HandleWakeUpAsync(m.Body));
        await hub.Client.TerminateInstanceAsync(id);
        await HandleOneAsync(hub, hub.Engine.OrchestrationQueue, m => hub.Engine.HandleWakeUpAsync(m.Body));
        Assert.Equal(1, (await hub.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);

        await HandleOneAsync(
            hub,
            hub.Engine.ActivityQueues.Single(),
            m => hub.Engine.HandleWorkItemAsync(m.Body, m.DequeueCount));
        await hub.RunUntilIdleAsync();
        hub.Time.Advance(hub.HubOptions.SweepGrace + TimeSpan.FromSeconds(1));
        var woken = await hub.Engine.SweepAsync();

        Assert.Equal(0, woken);
        Assert.Null(await hub.Client.GetInstanceAsync(id));
    }

    /// <summary>Receives one message of a queue, hands it to <paramref name="handle"/> and completes it.</summary>
    private static async Task HandleOneAsync(TestHub hub, string queueName, Func<QueueMessage, Task> handle)
    {
        var queue = hub.Storage.GetQueue(queueName);
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5)));
        await handle(message);
        await queue.CompleteAsync(message);
    }

    /// <summary>
    /// Fails the waiting wake-up on every delivery (a storage outage, an ETag storm) until the queue poisons it.
    /// </summary>
    private static async Task PoisonTheWakeUpAsync(TestHub hub)
    {
        var wakeUps = hub.Storage.GetQueue(hub.Engine.OrchestrationQueue);
        for (var delivery = 1; delivery <= hub.MaxDequeueCount + 1; delivery++)
        {
            foreach (var wakeUp in await wakeUps.ReceiveAsync(1, TimeSpan.FromMinutes(5)))
            {
                await wakeUps.AbandonAsync(wakeUp, TimeSpan.Zero);
            }
        }

        Assert.Equal(0, await wakeUps.CountAsync());
        Assert.Equal(1, await hub.Storage.GetQueue(StorageNames.PoisonQueueFor(wakeUps.Name)).CountAsync());
    }
}
