using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Tests.Support;
using OrchestrationAlreadyExistsException = DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException;

namespace Serverless.Durable.Tests;

/// <summary>
/// Starting instances through the SDK client: scheduled starts, dedupe statuses, and what the engine refuses.
/// </summary>
public sealed class ClientStartTests
{
    private const string Quick = "Quick";
    private const string Waiting = "Waiting";

    [Fact]
    public async Task A_start_at_a_later_time_runs_nothing_before_the_clock_reaches_it()
    {
        using var hub = ClientTests.CreateHub();
        var startAt = hub.Time.GetUtcNow() + TimeSpan.FromMinutes(10);

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            Quick,
            "later",
            new StartOrchestrationOptions("scheduled", startAt));
        await hub.RunUntilIdleAsync();
        await hub.AdvanceAsync(TimeSpan.FromMinutes(9));
        var before = await hub.Client.GetInstanceAsync(id);
        var historyBefore = await hub.HistoryAsync(id);
        await hub.AdvanceAsync(TimeSpan.FromMinutes(1));
        var after = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, before!.RuntimeStatus);
        Assert.Empty(historyBefore);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Equal(
            startAt.UtcDateTime,
            (await hub.HistoryAsync(id)).OfType<ExecutionStartedEvent>().Single().Timestamp);
    }

    [Fact]
    public async Task A_start_scheduled_further_out_than_a_queue_message_can_wait_is_started_by_the_sweep()
    {
        using var hub = ClientTests.CreateHub();
        var startAt = hub.Time.GetUtcNow() + TimeSpan.FromDays(10);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            Quick,
            "much later",
            new StartOrchestrationOptions("far-off", startAt));

        await hub.AdvanceAsync(TimeSpan.FromDays(7));
        var stillPending = (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus;
        await hub.AdvanceAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var woken = await hub.Engine.SweepAsync();
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, stillPending);
        Assert.Equal(1, woken);
        Assert.Equal("much later", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminating_a_scheduled_start_before_its_time_ends_it_without_running_it()
    {
        using var hub = ClientTests.CreateHub();
        var startAt = hub.Time.GetUtcNow() + TimeSpan.FromHours(1);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            Quick,
            "later",
            new StartOrchestrationOptions("cancelled-start", startAt));

        await hub.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("not needed"));
        await hub.RunUntilIdleAsync();
        var terminated = await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        await hub.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated!.RuntimeStatus);
        Assert.Equal("not needed", terminated.ReadOutputAs<string>());
        Assert.Empty((await hub.HistoryAsync(id)).OfType<TaskScheduledEvent>());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task Wait_for_start_returns_once_the_instance_has_left_pending()
    {
        using var hub = ClientTests.CreateHub();
        var id = await hub.StartAsync(Waiting, "x");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var waiting = hub.Client.WaitForInstanceStartAsync(id, getInputsAndOutputs: true, timeout.Token);
        var pendingWhileNotRun = waiting.IsCompleted;

        while (!waiting.IsCompleted)
        {
            await hub.RunUntilIdleAsync();
            hub.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        var started = await waiting;
        Assert.False(pendingWhileNotRun);
        Assert.Equal(OrchestrationRuntimeStatus.Running, started.RuntimeStatus);
        Assert.Equal("x", started.ReadInputAs<string>());
    }

    [Fact]
    public async Task Starting_an_id_that_is_running_throws_already_exists_by_default_and_leaves_it_running()
    {
        using var hub = ClientTests.CreateHub();
        await hub.StartAsync(Waiting, "first", "busy");
        await hub.RunUntilIdleAsync();

        var refused = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => hub.StartAsync(
            Waiting,
            "second",
            "busy"));
        await hub.RunUntilIdleAsync();

        var state = await hub.Client.GetInstanceAsync("busy", getInputsAndOutputs: true);
        Assert.Contains("busy", refused.Message, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, state!.RuntimeStatus);
        Assert.Equal("first", state.ReadInputAs<string>());
        Assert.Single(await hub.HistoryAsync("busy"), e => e is ExecutionStartedEvent);
    }

    [Fact]
    public async Task Starting_a_completed_id_outside_the_dedupe_statuses_runs_a_new_execution_with_the_new_input()
    {
        using var hub = ClientTests.CreateHub();
        await hub.StartAsync(Quick, "one", "again");
        await hub.RunToCompletionAsync("again");
        var firstExecution = (await hub.HistoryAsync("again"))
            .OfType<ExecutionStartedEvent>()
            .Single().OrchestrationInstance.ExecutionId;

        var id = await hub.StartAsync(Quick, "two", "again");
        var result = await hub.RunToCompletionAsync(id);
        var history = await hub.HistoryAsync(id);

        Assert.Equal("again", id);
        Assert.Equal("two", result.ReadOutputAs<string>());
        var started = Assert.Single(history.OfType<ExecutionStartedEvent>());
        Assert.Equal("\"two\"", started.Input);
        Assert.NotEqual(firstExecution, started.OrchestrationInstance.ExecutionId);
        Assert.Single(history.OfType<TaskScheduledEvent>());
        Assert.Single(history.OfType<ExecutionCompletedEvent>());
    }

    [Fact]
    public async Task Recursive_terminate_and_purge_are_refused_with_a_message()
    {
        using var hub = ClientTests.CreateHub();
        var id = await hub.StartAsync(Waiting, "");
        await hub.RunUntilIdleAsync();

        var terminate = await Assert.ThrowsAsync<NotSupportedException>(() => hub.Client.TerminateInstanceAsync(
            id,
            new TerminateInstanceOptions(Recursive: true)));
        var purge = await Assert.ThrowsAsync<NotSupportedException>(() => hub.Client.PurgeInstanceAsync(
            id,
            new PurgeInstanceOptions(Recursive: true)));
        var purgeAll = await Assert.ThrowsAsync<NotSupportedException>(() => hub.Client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(),
            new PurgeInstanceOptions(Recursive: true)));

        Assert.Contains("Recursive terminate", terminate.Message, StringComparison.Ordinal);
        Assert.Contains("Recursive purge", purge.Message, StringComparison.Ordinal);
        Assert.Contains("Recursive purge", purgeAll.Message, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_suspended_instance_holds_an_event_in_its_inbox_until_it_is_resumed()
    {
        using var hub = ClientTests.CreateHub();
        var id = await hub.StartAsync(Waiting, "");
        await hub.RunUntilIdleAsync();

        await hub.Client.SuspendInstanceAsync(id, "pause");
        await hub.RunUntilIdleAsync();
        await hub.Client.RaiseEventAsync(id, "never", "held");
        await hub.RunUntilIdleAsync();
        var suspended = await hub.Client.GetInstanceAsync(id);
        await hub.Client.ResumeInstanceAsync(id, "go on");
        await hub.RunUntilIdleAsync();
        var resumed = await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, resumed!.RuntimeStatus);
        Assert.Equal("held", resumed.ReadOutputAs<string>());
        var history = await hub.HistoryAsync(id);
        Assert.Equal(1, history.Count(e => e is DurableTask.Core.History.ExecutionSuspendedEvent { Reason: "pause" }));
        Assert.Equal(1, history.Count(e => e is DurableTask.Core.History.ExecutionResumedEvent { Reason: "go on" }));
    }

    [Fact]
    public async Task A_suspended_instance_can_be_terminated()
    {
        using var hub = ClientTests.CreateHub();
        var id = await hub.StartAsync(Waiting, "");
        await hub.RunUntilIdleAsync();

        await hub.Client.SuspendInstanceAsync(id);
        await hub.RunUntilIdleAsync();
        await hub.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("stop"));
        await hub.RunUntilIdleAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }
}
