using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>
/// An orchestration signals another instance with SendEvent: the event arrives once, however often it is sent out.
/// </summary>
public sealed class EventSendingTests
{
    private const string Echo = "Echo";
    private const string Sender = "Sender";
    private const string Receiver = "Receiver";

    // The sender goes on to call an activity, so later episodes replay its SendEvent.
    private static TestHub CreateHub() => new(registry => registry
        .AddActivityFunc<string, string>(Echo, (_, s) => s)
        .AddOrchestratorFunc<string, string>(Sender, async (ctx, target) =>
        {
            ctx.SendEvent(target, "ping", "from " + ctx.InstanceId);
            return await ctx.CallActivityAsync<string>(Echo, "sent");
        })
        .AddOrchestratorFunc<string, string>(Receiver, async (ctx, _) =>
        {
            var first = await ctx.WaitForExternalEvent<string>("ping");
            try
            {
                return $"{first}, then {await ctx.WaitForExternalEvent<string>("ping", TimeSpan.FromMinutes(30))}";
            }
            catch (TaskCanceledException)
            {
                return $"{first}, no second";
            }
        }));

    [Fact]
    public async Task An_event_sent_by_an_orchestration_reaches_another_instance_waiting_for_it()
    {
        using var hub = CreateHub();
        await hub.StartAsync(Receiver, "", "receiver");
        await hub.RunUntilIdleAsync();

        var sender = await hub.StartAsync(Sender, "receiver", "sender");
        await hub.RunUntilIdleAsync();
        var received = await hub.RunToCompletionAsync("receiver");

        Assert.Equal(
            "sent",
            (await hub.Client.GetInstanceAsync(sender, getInputsAndOutputs: true))!.ReadOutputAs<string>());
        Assert.Equal("from sender, no second", received.ReadOutputAs<string>());
        Assert.Single((await hub.HistoryAsync("receiver")).OfType<EventRaisedEvent>());
    }

    [Fact]
    public async Task An_event_sent_again_because_the_outbox_was_dispatched_twice_arrives_once()
    {
        using var hub = CreateHub();
        await hub.StartAsync(Receiver, "", "receiver");
        await hub.RunUntilIdleAsync();
        await hub.StartAsync(Sender, "receiver", "sender");

        // The sender's episode reads, commits, writes the event into the receiver's inbox and wakes it (four storage
        // calls), then dies before sending its activity and deleting its outbox; its wake-up comes back later and sends
        // the event again.
        var doomed = hub.CreateEngine(new FaultInjectingStorageProvider(hub.Storage, crashAfterCalls: 4));
        var wakeUp = Assert.Single(await hub.Storage.GetQueue(hub.Engine.OrchestrationQueue).ReceiveAsync(
            1,
            TimeSpan.FromMinutes(5)));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => doomed.HandleWakeUpAsync(wakeUp.Body));
        await hub.RunUntilIdleAsync();
        var receivedFirst = (await hub.HistoryAsync("receiver")).OfType<EventRaisedEvent>().Count();
        await hub.AdvanceAsync(TimeSpan.FromMinutes(6));
        var received = await hub.RunToCompletionAsync("receiver");

        Assert.Equal(1, receivedFirst);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await hub.RunToCompletionAsync("sender")).RuntimeStatus);
        Assert.Equal("from sender, no second", received.ReadOutputAs<string>());
        Assert.Single((await hub.HistoryAsync("receiver")).OfType<EventRaisedEvent>());
    }

    [Fact]
    public async Task An_event_sent_to_an_instance_that_does_not_exist_is_dropped_and_the_sender_completes()
    {
        using var hub = CreateHub();

        var sender = await hub.StartAsync(Sender, "nobody");
        var result = await hub.RunToCompletionAsync(sender);
        hub.Time.Advance(hub.HubOptions.SweepGrace + TimeSpan.FromSeconds(1));

        Assert.Equal("sent", result.ReadOutputAs<string>());
        Assert.Null(await hub.Client.GetInstanceAsync("nobody"));
        Assert.Equal(0, await hub.Engine.SweepAsync());
    }
}
