using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Client;
using Serverless.Durable.Tests.Support;
using OrchestrationAlreadyExistsException = DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException;

namespace Serverless.Durable.Tests;

public sealed class ClientTests
{
    private const string Echo = "Echo";
    private const string Quick = "Quick";
    private const string Waiting = "Waiting";

    internal static TestHub CreateHub() => new(registry => registry
        .AddActivityFunc<string, string>(Echo, (_, s) => s)
        .AddOrchestratorFunc<string, string>(Quick, (ctx, input) => ctx.CallActivityAsync<string>(Echo, input))
        .AddOrchestratorFunc<string, string>(Waiting, (ctx, _) => ctx.WaitForExternalEvent<string>("never")));

    [Fact]
    public async Task Starting_a_finished_instance_id_kept_in_the_dedupe_statuses_throws_and_runs_nothing_again()
    {
        using var hub = CreateHub();
        var first = await hub.StartAsync(Quick, "one", "order-1");
        await hub.RunToCompletionAsync(first);

        var options = new StartOrchestrationOptions("order-1").WithDedupeStatuses(
            OrchestrationRuntimeStatus.Completed,
            OrchestrationRuntimeStatus.Failed,
            OrchestrationRuntimeStatus.Terminated);
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            hub.Client.ScheduleNewOrchestrationInstanceAsync(
            Quick,
            "two",
            options));
        await hub.RunUntilIdleAsync();

        var state = await hub.Client.GetInstanceAsync("order-1", getInputsAndOutputs: true);
        Assert.Equal("order-1", first);
        Assert.Equal("one", state!.ReadOutputAs<string>());
        Assert.Single(await hub.HistoryAsync("order-1"), e => e is ExecutionStartedEvent);
    }

    [Fact]
    public async Task Status_reports_input_output_and_timestamps_when_asked_and_the_history_in_order()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(Quick, "data");
        await hub.RunToCompletionAsync(id);

        var plain = await hub.Client.GetInstanceAsync(id);
        var detailed = await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        var history = await hub.HistoryAsync(id);

        Assert.Null(plain!.SerializedInput);
        Assert.Null(plain.SerializedOutput);
        Assert.Equal(Quick, detailed!.Name);
        Assert.Equal("\"data\"", detailed.SerializedInput);
        Assert.Equal("\"data\"", detailed.SerializedOutput);
        Assert.True(detailed.LastUpdatedAt >= detailed.CreatedAt);
        Assert.Equal(
            [EventType.OrchestratorStarted, EventType.ExecutionStarted, EventType.TaskScheduled,
             EventType.OrchestratorStarted, EventType.TaskCompleted, EventType.ExecutionCompleted],
            history.Select(e => e.EventType));
    }

    [Fact]
    public async Task Status_of_an_unknown_instance_is_null()
    {
        using var hub = CreateHub();

        Assert.Null(await hub.Client.GetInstanceAsync("nobody"));
    }

    [Fact]
    public async Task Terminate_stops_a_running_instance_with_the_given_output()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(Waiting, "");
        await hub.RunUntilIdleAsync();

        await hub.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("operator said so"));
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("operator said so", result.ReadOutputAs<string>());
        Assert.Single(await hub.HistoryAsync(id), e => e is ExecutionTerminatedEvent);
    }

    [Fact]
    public async Task Terminating_or_raising_an_event_to_a_finished_instance_changes_nothing()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(Quick, "x");
        await hub.RunToCompletionAsync(id);
        var historyBefore = (await hub.HistoryAsync(id)).Count;

        await hub.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("too late"));
        await hub.Client.RaiseEventAsync(id, "late", "payload");
        var raisedOnce = await hub.Client.RaiseEventOnceAsync(id, "late", "payload", "late-1");
        await hub.RunUntilIdleAsync();

        var state = await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.False(raisedOnce);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state!.RuntimeStatus);
        Assert.Equal("x", state.ReadOutputAs<string>());
        Assert.Equal(historyBefore, (await hub.HistoryAsync(id)).Count);
    }

    [Fact]
    public async Task Raising_an_event_to_or_terminating_an_unknown_instance_throws_not_found()
    {
        using var hub = CreateHub();

        var raise = await Assert.ThrowsAsync<InstanceNotFoundException>(() => hub.Client.RaiseEventAsync(
            "nobody",
            "evt"));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => hub.Client.TerminateInstanceAsync("nobody"));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => hub.Client.GetOrchestrationHistoryAsync("nobody"));
        Assert.Equal("nobody", raise.InstanceId);
    }

    [Fact]
    public async Task Purge_deletes_a_finished_instance_and_refuses_a_running_one()
    {
        using var hub = CreateHub();
        var done = await hub.StartAsync(Quick, "x");
        var running = await hub.StartAsync(Waiting, "x");
        await hub.RunToCompletionAsync(done);

        var purgedDone = await hub.Client.PurgeInstanceAsync(done);
        var purgedRunning = await hub.Client.PurgeInstanceAsync(running);

        Assert.Equal(1, purgedDone.PurgedInstanceCount);
        Assert.Equal(0, purgedRunning.PurgedInstanceCount);
        Assert.Null(await hub.Client.GetInstanceAsync(done));
        Assert.Empty(await hub.Storage.GetTable("testsInstances").QueryPartitionAsync(done));
        Assert.NotNull(await hub.Client.GetInstanceAsync(running));
        Assert.Equal(0, (await hub.Client.PurgeInstanceAsync("nobody")).PurgedInstanceCount);
    }

    [Fact]
    public async Task Wait_for_completion_returns_once_the_instance_finishes()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(Quick, "x");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var waiting = hub.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        while (!waiting.IsCompleted)
        {
            await hub.RunUntilIdleAsync();
            hub.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        var finished = await waiting;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal("x", finished.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_start_whose_wake_up_was_lost_is_recovered_by_the_sweep()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(Quick, "x");
        var orchestrations = hub.Storage.GetQueue(hub.Engine.OrchestrationQueue);
        var lost = (await orchestrations.ReceiveAsync(1, TimeSpan.FromMinutes(1)))[0];
        await orchestrations.CompleteAsync(lost);

        hub.Time.Advance(TimeSpan.FromMinutes(1));
        var woken = await hub.Engine.SweepAsync();
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(1, woken);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
    }

    [Fact]
    public async Task Starting_with_an_invalid_instance_id_is_refused()
    {
        using var hub = CreateHub();

        await Assert.ThrowsAsync<ArgumentException>(() => hub.StartAsync(Quick, "x", "bad/id"));
    }
}
