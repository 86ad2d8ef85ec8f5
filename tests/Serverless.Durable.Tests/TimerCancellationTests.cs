using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>Cancelled timers and timed waits for events, as the SDK defines them.</summary>
public sealed class TimerCancellationTests
{
    private const string CancelTimer = "CancelTimer";
    private const string Echo = "Echo";
    private const string WorkThenWait = "WorkThenWait";
    private const string UncaughtTimeout = "UncaughtTimeout";

    private static TestHub CreateHub() => new(registry => registry
        .AddActivityFunc<string, string>(Echo, (_, s) => s)
        .AddOrchestratorFunc<string, string>(CancelTimer, async (ctx, _) =>
        {
            using var cancellation = new CancellationTokenSource();
            var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(10), cancellation.Token);
            await ctx.WaitForExternalEvent<string>("cancel");
            cancellation.Cancel(); // CancelAsync would run the callbacks off the orchestrator's scheduler
            string outcome;
            try
            {
                await timer;
                outcome = "fired";
            }
            catch (TaskCanceledException)
            {
                outcome = "cancelled";
            }

            ctx.SetCustomStatus(outcome);
            return $"{outcome}, then {await ctx.WaitForExternalEvent<string>("finish")}";
        })
        .AddOrchestratorFunc<string, string>(WorkThenWait, async (ctx, input) =>
        {
            await ctx.CallActivityAsync<string>(Echo, input);
            try
            {
                return await ctx.WaitForExternalEvent<string>("approve", TimeSpan.FromMinutes(5));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        })
        .AddOrchestratorFunc<string, string>(
            UncaughtTimeout,
            (ctx, _) => ctx.WaitForExternalEvent<string>("approve", TimeSpan.FromMinutes(5))));

    [Fact]
    public async Task A_cancelled_timer_ends_with_task_canceled_and_its_later_firing_changes_nothing()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(CancelTimer, "");
        await hub.RunUntilIdleAsync();
        await hub.Client.RaiseEventAsync(id, "cancel", "now");
        await hub.RunUntilIdleAsync();
        var afterCancel = await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);

        await hub.AdvanceAsync(TimeSpan.FromMinutes(11));
        var afterFiring = await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        var history = await hub.HistoryAsync(id);
        await hub.Client.RaiseEventAsync(id, "finish", "done");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("cancelled", afterCancel!.ReadCustomStatusAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, afterFiring!.RuntimeStatus);
        Assert.Equal("cancelled", afterFiring.ReadCustomStatusAs<string>());
        Assert.Single(history.OfType<TimerFiredEvent>());
        Assert.Equal("cancelled, then done", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_raised_before_a_timed_wait_begins_is_buffered_and_returned()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(WorkThenWait, "x");

        await hub.Client.RaiseEventAsync(id, "approve", "early bird");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("early bird", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_timed_wait_throws_task_canceled_when_its_timer_wins()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(WorkThenWait, "x");
        await hub.RunUntilIdleAsync();

        await hub.AdvanceAsync(TimeSpan.FromMinutes(4));
        var beforeTimeout = (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus;
        await hub.AdvanceAsync(TimeSpan.FromMinutes(1));
        await hub.Client.RaiseEventAsync(id, "approve", "too late");
        await hub.RunUntilIdleAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Running, beforeTimeout);
        Assert.Equal(
            "timed out",
            (await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_timed_wait_left_uncaught_fails_the_instance_with_task_canceled()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(UncaughtTimeout, "");

        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(TaskCanceledException).FullName, result.FailureDetails!.ErrorType);
    }
}
