using Serverless.Durable.Client;
using Serverless.Durable.History;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

public sealed class ClientTests
{
    private static readonly ActivityRef<string, string> Echo = new("Echo", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<string, string> Quick = new("Quick", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<string, string> Waiting = new("Waiting", TestJsonContext.Default.String, TestJsonContext.Default.String);

    private static TestHub CreateHub() => new(registry => registry
        .AddActivity(Echo, (_, s, _) => Task.FromResult(s))
        .AddOrchestrator(Quick, (ctx, input) => ctx.CallActivityAsync(Echo, input))
        .AddOrchestrator(Waiting, (ctx, _) => ctx.WaitForExternalEvent("never", TestJsonContext.Default.String)));

    [Fact]
    public async Task Starting_an_existing_instance_id_returns_it_without_a_second_run()
    {
        using var hub = CreateHub();

        var first = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Quick, "one", "order-1");
        await hub.RunToCompletionAsync(first);
        var second = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Quick, "two", "order-1");
        await hub.RunUntilIdleAsync();

        var state = await hub.Client.GetInstanceAsync("order-1", includeHistory: true);
        Assert.Equal(first, second);
        Assert.Equal("one", state!.ReadOutputAs(TestJsonContext.Default.String));
        Assert.Single(state.History!, e => e.Type == HistoryEventType.ExecutionStarted);
    }

    [Fact]
    public async Task Status_reports_input_output_timestamps_and_optionally_the_history()
    {
        using var hub = CreateHub();
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Quick, "data");
        await hub.RunToCompletionAsync(id);

        var plain = await hub.Client.GetInstanceAsync(id);
        var detailed = await hub.Client.GetInstanceAsync(id, includeHistory: true);

        Assert.Null(plain!.History);
        Assert.Equal("\"data\"", plain.SerializedInput);
        Assert.Equal("\"data\"", plain.SerializedOutput);
        Assert.True(plain.LastUpdatedAt >= plain.CreatedAt);
        Assert.Equal(
            [HistoryEventType.OrchestratorStarted, HistoryEventType.ExecutionStarted, HistoryEventType.TaskScheduled,
             HistoryEventType.OrchestratorStarted, HistoryEventType.TaskCompleted, HistoryEventType.ExecutionCompleted],
            detailed!.History!.Select(e => e.Type));
    }

    [Fact]
    public async Task Status_of_an_unknown_instance_is_null()
    {
        using var hub = CreateHub();

        Assert.Null(await hub.Client.GetInstanceAsync("nobody"));
    }

    [Fact]
    public async Task Query_filters_by_status_and_name_and_pages_through_every_match_once()
    {
        using var hub = CreateHub();
        for (var i = 0; i < 7; i++)
        {
            await hub.Client.ScheduleNewOrchestrationInstanceAsync(Waiting, "", $"waiting-{i}");
        }

        for (var i = 0; i < 3; i++)
        {
            await hub.Client.ScheduleNewOrchestrationInstanceAsync(Quick, "", $"quick-{i}");
        }

        await hub.RunUntilIdleAsync();

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await hub.Client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationStatus.Running], PageSize = 3, ContinuationToken = token });
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
        }
        while (token is not null);
        var completed = await hub.Client.QueryInstancesAsync(new OrchestrationQuery { Name = "Quick", Statuses = [OrchestrationStatus.Completed, OrchestrationStatus.Failed] });

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"waiting-{i}"), seen.Order(StringComparer.Ordinal));
        Assert.Equal(3, completed.Instances.Count);
    }

    [Fact]
    public async Task Query_filters_by_creation_time()
    {
        using var hub = CreateHub();
        await hub.Client.ScheduleNewOrchestrationInstanceAsync(Waiting, "", "early");
        hub.Time.Advance(TimeSpan.FromHours(1));
        var cutoff = hub.Time.GetUtcNow();
        await hub.Client.ScheduleNewOrchestrationInstanceAsync(Waiting, "", "late");

        var result = await hub.Client.QueryInstancesAsync(new OrchestrationQuery { CreatedFrom = cutoff });

        Assert.Equal(["late"], result.Instances.Select(i => i.InstanceId));
    }

    [Fact]
    public async Task Terminate_stops_a_running_instance_with_the_reason_as_output()
    {
        using var hub = CreateHub();
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Waiting, "");
        await hub.RunUntilIdleAsync();

        var accepted = await hub.Client.TerminateInstanceAsync(id, "operator said so");
        var result = await hub.RunToCompletionAsync(id);

        Assert.True(accepted);
        Assert.Equal(OrchestrationStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("operator said so", result.ReadOutputAs(TestJsonContext.Default.String));
    }

    [Fact]
    public async Task Terminating_or_raising_to_a_finished_instance_returns_false()
    {
        using var hub = CreateHub();
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Quick, "x");
        await hub.RunToCompletionAsync(id);

        Assert.False(await hub.Client.TerminateInstanceAsync(id));
        Assert.False(await hub.Client.RaiseEventAsync(id, "late"));
    }

    [Fact]
    public async Task Raising_an_event_to_an_unknown_instance_throws_not_found()
    {
        using var hub = CreateHub();

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => hub.Client.RaiseEventAsync("nobody", "evt"));
    }

    [Fact]
    public async Task Purge_deletes_a_finished_instance_and_refuses_a_running_one()
    {
        using var hub = CreateHub();
        var done = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Quick, "x");
        var running = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Waiting, "x");
        await hub.RunToCompletionAsync(done);

        var purgedDone = await hub.Client.PurgeInstanceAsync(done);
        var purgedRunning = await hub.Client.PurgeInstanceAsync(running);

        Assert.True(purgedDone);
        Assert.False(purgedRunning);
        Assert.Null(await hub.Client.GetInstanceAsync(done));
        Assert.Empty(await hub.Storage.GetTable("testsInstances").QueryPartitionAsync(done));
        Assert.NotNull(await hub.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task Wait_for_completion_returns_once_the_instance_finishes()
    {
        using var hub = CreateHub();
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Quick, "x");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var waiting = hub.Client.WaitForInstanceCompletionAsync(id, timeout.Token);

        while (!waiting.IsCompleted)
        {
            await hub.RunUntilIdleAsync();
            hub.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        Assert.Equal(OrchestrationStatus.Completed, (await waiting).RuntimeStatus);
    }

    [Fact]
    public async Task A_start_whose_wake_up_was_lost_is_recovered_by_the_sweep()
    {
        using var hub = CreateHub();
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Quick, "x");
        var orchestrations = hub.Storage.GetQueue(hub.Engine.OrchestrationQueue);
        var lost = (await orchestrations.ReceiveAsync(1, TimeSpan.FromMinutes(1)))[0];
        await orchestrations.CompleteAsync(lost);

        hub.Time.Advance(TimeSpan.FromMinutes(1));
        var woken = await hub.Engine.SweepAsync();
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(1, woken);
        Assert.Equal(OrchestrationStatus.Completed, result.RuntimeStatus);
    }

    [Fact]
    public async Task Starting_with_an_invalid_instance_id_is_refused()
    {
        using var hub = CreateHub();

        await Assert.ThrowsAsync<ArgumentException>(() => hub.Client.ScheduleNewOrchestrationInstanceAsync(Quick, "x", "bad/id"));
    }
}
