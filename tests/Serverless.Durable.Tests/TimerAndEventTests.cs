using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

public sealed class TimerAndEventTests
{
    private const string Sleep = "Sleep";
    private const string Approval = "Approval";
    private const string TwoEvents = "TwoEvents";
    private const string CountToThree = "CountToThree";
    private const string ManyTimers = "ManyTimers";

    internal static TestHub CreateHub() => new(registry => registry
        .AddOrchestratorFunc<int, string>(Sleep, async (ctx, minutes) =>
        {
            var started = ctx.CurrentUtcDateTime;
            await ctx.CreateTimer(started.AddMinutes(minutes), CancellationToken.None);
            return $"{(ctx.CurrentUtcDateTime - started).TotalMinutes}";
        })
        .AddOrchestratorFunc<int, string>(Approval, async (ctx, timeoutMinutes) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("approve", TimeSpan.FromMinutes(timeoutMinutes));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        })
        .AddOrchestratorFunc<string, string>(TwoEvents, async (ctx, _) =>
        {
            var first = await ctx.WaitForExternalEvent<string>("first");
            var second = await ctx.WaitForExternalEvent<string>("second");
            return first + second;
        })
        .AddOrchestratorFunc<int, int>(CountToThree, async (ctx, count) =>
        {
            // The eternal-counter pattern: one event per execution, then continue as new.
            await ctx.WaitForExternalEvent<string>("add");
            if (count + 1 < 3)
            {
                ctx.ContinueAsNew(count + 1);
            }

            return count + 1;
        })
        .AddOrchestratorFunc<int, string>(ManyTimers, async (ctx, timers) =>
        {
            await Task.WhenAll(Enumerable.Range(1, timers).Select(i => ctx.CreateTimer(
                ctx.CurrentUtcDateTime.AddSeconds(i),
                CancellationToken.None)));
            return "all fired";
        }));

    [Fact]
    public async Task A_durable_timer_does_not_fire_before_its_time()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(Sleep, 30);

        await hub.RunUntilIdleAsync();
        await hub.AdvanceAsync(TimeSpan.FromMinutes(29));

        Assert.Equal(
            OrchestrationRuntimeStatus.Running,
            (await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_durable_timer_fires_at_its_time_and_the_orchestrator_sees_the_new_time()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(Sleep, 30);

        await hub.RunUntilIdleAsync();
        await hub.AdvanceAsync(TimeSpan.FromMinutes(30));

        var result = await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result!.RuntimeStatus);
        Assert.Equal("30", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_timer_longer_than_a_queue_message_can_wait_is_fired_by_the_sweep()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(Sleep, (int)TimeSpan.FromDays(10).TotalMinutes);
        await hub.RunUntilIdleAsync();

        await hub.AdvanceAsync(TimeSpan.FromDays(7));
        await hub.AdvanceAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var stillWaiting = (await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.RuntimeStatus;
        var woken = await hub.Engine.SweepAsync();
        await hub.RunUntilIdleAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Running, stillWaiting);
        Assert.Equal(1, woken);
        Assert.Equal(
            OrchestrationRuntimeStatus.Completed,
            (await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.RuntimeStatus);
    }

    [Fact]
    public async Task An_orchestrator_creating_more_timers_at_once_than_one_batch_holds_fails_with_a_clear_error()
    {
        using var hub = CreateHub();

        var id = await hub.StartAsync(ManyTimers, 120);
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("EpisodeTooLarge", result.FailureDetails!.ErrorType);
        Assert.Contains("Create fewer timers at once", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_raised_while_the_orchestrator_waits_is_delivered()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(Approval, 60);
        await hub.RunUntilIdleAsync();

        await hub.Client.RaiseEventAsync(id, "approve", "yes");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("yes", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_raised_before_the_orchestrator_waits_is_buffered_and_delivered()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(TwoEvents, "");
        await hub.RunUntilIdleAsync();

        await hub.Client.RaiseEventAsync(id, "second", "B");
        await hub.RunUntilIdleAsync();
        await hub.Client.RaiseEventAsync(id, "first", "A");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("AB", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Waiting_for_an_event_times_out_when_it_does_not_arrive()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(Approval, 5);
        await hub.RunUntilIdleAsync();

        await hub.AdvanceAsync(TimeSpan.FromMinutes(5));

        var result = await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("timed out", result!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_timeout_timer_firing_after_the_event_arrived_changes_nothing()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(Approval, 5);
        await hub.RunUntilIdleAsync();
        await hub.Client.RaiseEventAsync(id, "approve", "in time");
        await hub.RunUntilIdleAsync();

        await hub.AdvanceAsync(TimeSpan.FromMinutes(10));

        var result = await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result!.RuntimeStatus);
        Assert.Equal("in time", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Raising_the_same_event_id_twice_delivers_it_once()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(TwoEvents, "");
        await hub.RunUntilIdleAsync();

        await hub.Client.RaiseEventOnceAsync(id, "first", "A", "e-1");
        await hub.Client.RaiseEventOnceAsync(id, "first", "A", "e-1");
        await hub.Client.RaiseEventAsync(id, "second", "B");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("AB", result.ReadOutputAs<string>());
        var raised = (await hub.HistoryAsync(id)).OfType<EventRaisedEvent>().Count();
        Assert.Equal(2, raised);
    }

    [Fact]
    public async Task Raising_an_event_id_again_after_the_first_was_applied_delivers_nothing()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(TwoEvents, "");
        await hub.RunUntilIdleAsync();
        await hub.Client.RaiseEventOnceAsync(id, "first", "A", "e-1");
        await hub.RunUntilIdleAsync();

        await hub.Client.RaiseEventOnceAsync(id, "first", "A", "e-1");
        await hub.RunUntilIdleAsync();
        await hub.Client.RaiseEventAsync(id, "second", "B");
        await hub.RunToCompletionAsync(id);

        var raised = (await hub.HistoryAsync(id)).OfType<EventRaisedEvent>().Count();
        Assert.Equal(2, raised);
    }

    [Fact]
    public async Task Events_arriving_together_are_all_counted_when_the_first_one_continues_as_new()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(CountToThree, 0);
        await hub.RunUntilIdleAsync();

        foreach (var payload in new[] { "a", "b", "c" })
        {
            await hub.Client.RaiseEventAsync(id, "add", payload);
            hub.Time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(3, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task An_event_raised_while_the_instance_continues_as_new_reaches_the_new_execution()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(CountToThree, 1);
        await hub.RunUntilIdleAsync();
        await hub.Client.RaiseEventAsync(id, "add", "a");

        // This raise reads the instance before the first event's episode continues it as new, and writes after.
        var racing = new InterleavingStorageProvider(hub.Storage, () => hub.RunUntilIdleAsync());
        await hub.CreateClient(racing).RaiseEventAsync(id, "add", "b");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(3, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Terminating_an_instance_while_it_continues_as_new_terminates_the_new_execution()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(CountToThree, 0);
        await hub.RunUntilIdleAsync();
        await hub.Client.RaiseEventAsync(id, "add", "a");

        var racing = new InterleavingStorageProvider(hub.Storage, () => hub.RunUntilIdleAsync());
        await hub.CreateClient(racing).TerminateInstanceAsync(id, new TerminateInstanceOptions("stop"));
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
    }

    [Fact]
    public async Task An_event_id_carried_over_by_continue_as_new_and_raised_again_is_counted_once()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(CountToThree, 0);
        await hub.RunUntilIdleAsync();
        await hub.Client.RaiseEventOnceAsync(id, "add", "a", "e-1");
        await hub.Client.RaiseEventOnceAsync(id, "add", "b", "e-2");
        var wakeUps = hub.Storage.GetQueue(hub.Engine.OrchestrationQueue);
        var wakeUp = Assert.Single(await wakeUps.ReceiveAsync(1, TimeSpan.FromMinutes(1)));
        await hub.Engine.HandleWakeUpAsync(wakeUp.Body); // applies e-1, continues as new, carries e-2 over
        await wakeUps.CompleteAsync(wakeUp);

        await hub.Client.RaiseEventOnceAsync(id, "add", "b", "e-2");
        await hub.RunUntilIdleAsync();
        var afterDuplicate = (await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.RuntimeStatus;
        await hub.Client.RaiseEventOnceAsync(id, "add", "c", "e-3");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Running, afterDuplicate);
        Assert.Equal(3, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Event_names_match_case_insensitively()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(Approval, 60);
        await hub.RunUntilIdleAsync();

        await hub.Client.RaiseEventAsync(id, "APPROVE", "ok");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("ok", result.ReadOutputAs<string>());
    }
}
