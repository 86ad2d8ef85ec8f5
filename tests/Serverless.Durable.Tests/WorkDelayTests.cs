using Serverless.Durable.Engine;
using Serverless.Durable.Tests.Support;
using Serverless.Storage.Queues;

namespace Serverless.Durable.Tests;

/// <summary>The engine's measure of how long work waits to begin, which admission control reads.</summary>
public sealed class WorkDelayTests
{
    private const string Greet = "Greet";

    [Fact]
    public async Task An_orchestration_that_begins_late_reports_how_long_it_waited()
    {
        using var hub = CreateHub();
        await hub.StartAsync(Greet, "ann");

        hub.Time.Advance(TimeSpan.FromSeconds(3));
        await DeliverAsync(hub, hub.Engine.OrchestrationQueue);

        Assert.Equal(TimeSpan.FromSeconds(3), hub.Engine.WorkDelays.Current);
    }

    [Fact]
    public async Task An_activity_that_waits_for_a_worker_reports_how_long_it_waited()
    {
        using var hub = CreateHub();
        await hub.StartAsync(Greet, "ann");
        await DeliverAsync(hub, hub.Engine.OrchestrationQueue);

        hub.Time.Advance(hub.Engine.WorkDelays.Window * 3);
        var idle = hub.Engine.WorkDelays.Current;
        hub.Time.Advance(TimeSpan.FromMilliseconds(700));
        await DeliverAsync(hub, hub.Engine.ActivityQueues.Single());

        Assert.Equal(TimeSpan.Zero, idle);
        Assert.Equal(hub.Engine.WorkDelays.Window * 3 + TimeSpan.FromMilliseconds(700), hub.Engine.WorkDelays.Current);
    }

    [Fact]
    public async Task Nothing_is_reported_before_any_work_began()
    {
        using var hub = CreateHub();
        await hub.StartAsync(Greet, "ann");

        hub.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.Zero, hub.Engine.WorkDelays.Current);
    }

    [Fact]
    public async Task A_reading_lapses_once_no_work_has_begun_for_two_windows()
    {
        using var hub = CreateHub();
        await hub.StartAsync(Greet, "ann");
        hub.Time.Advance(TimeSpan.FromSeconds(3));
        await DeliverAsync(hub, hub.Engine.OrchestrationQueue);
        var window = hub.Engine.WorkDelays.Window;

        hub.Time.Advance(window);
        var oneWindowLater = hub.Engine.WorkDelays.Current;
        hub.Time.Advance(window);

        Assert.Equal(TimeSpan.FromSeconds(3), oneWindowLater);
        Assert.Equal(TimeSpan.Zero, hub.Engine.WorkDelays.Current);
    }

    [Fact]
    public async Task A_timer_that_fires_late_on_purpose_is_not_counted_as_waiting()
    {
        using var hub = TimerAndEventTests.CreateHub();
        await hub.StartAsync("Sleep", 30);
        await hub.RunUntilIdleAsync();
        hub.Time.Advance(TimeSpan.FromMinutes(30));

        await hub.RunUntilIdleAsync();

        Assert.Equal(TimeSpan.Zero, hub.Engine.WorkDelays.Current);
    }

    private static TestHub CreateHub() => new(registry => registry
        .AddActivityFunc<string, string>("Hello", (_, name) => $"hello {name}")
        .AddOrchestratorFunc<string, string>(Greet, async (ctx, name) =>
            await ctx.CallActivityAsync<string>("Hello", name)));

    // One message of one queue, handled as a worker's pump would: the step the test wants, and no other.
    private static async Task DeliverAsync(TestHub hub, string queueName)
    {
        var queue = hub.Storage.GetQueue(queueName);
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5)));
        var delivery = new QueueCompletion(queue.Name, message);
        var completed = queueName == hub.Engine.OrchestrationQueue
            ? await hub.Engine.HandleWakeUpAsync(delivery)
            : await hub.Engine.HandleWorkItemAsync(delivery);
        if (!Serverless.Workers.Queues.QueuePump.CompletedByHandler(completed, delivery))
        {
            await queue.CompleteAsync(message);
        }
    }
}
