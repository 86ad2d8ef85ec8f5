using Serverless.Durable.History;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

public sealed class CompositionTests
{
    private static readonly ActivityRef<string, string> Upper = new("Upper", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly ActivityRef<string, string> Fail = new("Fail", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<string, string> Child = new("Child", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<string, string> FailingChild = new("FailingChild", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<string, string> Parent = new("Parent", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<string, string> ParentOfFailure = new("ParentOfFailure", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<int, int> Counter = new("Counter", TestJsonContext.Default.Int32, TestJsonContext.Default.Int32);
    private static readonly OrchestratorRef<string, string> Status = new("Status", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<int, int> ChildEveryRound = new("ChildEveryRound", TestJsonContext.Default.Int32, TestJsonContext.Default.Int32);
    private static readonly OrchestratorRef<string, string> ParentOfNamedChild = new("ParentOfNamedChild", TestJsonContext.Default.String, TestJsonContext.Default.String);

    private static TestHub CreateHub() => new(registry => registry
        .AddActivity(Upper, (_, s, _) => Task.FromResult(s.ToUpperInvariant()))
        .AddActivity(Fail, (_, s, _) => throw new ArgumentException(s))
        .AddOrchestrator(Child, (ctx, input) => ctx.CallActivityAsync(Upper, input))
        .AddOrchestrator(FailingChild, (ctx, input) => ctx.CallActivityAsync(Fail, input))
        .AddOrchestrator(Parent, async (ctx, input) => "parent got " + await ctx.CallSubOrchestratorAsync(Child, input))
        .AddOrchestrator(ParentOfFailure, async (ctx, input) =>
        {
            try
            {
                return await ctx.CallSubOrchestratorAsync(FailingChild, input, instanceId: "the-child");
            }
            catch (TaskFailedException failed)
            {
                return $"child failed: {failed.FailureDetails.InnerFailure?.ErrorType}";
            }
        })
        .AddOrchestrator(Counter, async (ctx, count) =>
        {
            if (count < 5)
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddSeconds(1));
                ctx.ContinueAsNew(count + 1, TestJsonContext.Default.Int32);
            }

            return count;
        })
        .AddOrchestrator(Status, async (ctx, input) =>
        {
            ctx.SetCustomStatus("waiting for go");
            await ctx.WaitForExternalEvent("go", TestJsonContext.Default.String);
            ctx.SetCustomStatus("done");
            return input;
        })
        .AddOrchestrator(ChildEveryRound, async (ctx, round) =>
        {
            await ctx.CallSubOrchestratorAsync(Child, $"round {round}");
            if (round < 2)
            {
                ctx.ContinueAsNew(round + 1, TestJsonContext.Default.Int32);
            }

            return round;
        })
        .AddOrchestrator(ParentOfNamedChild, async (ctx, childId) =>
        {
            try
            {
                return await ctx.CallSubOrchestratorAsync(Child, "mine", instanceId: childId);
            }
            catch (TaskFailedException failed)
            {
                return $"{failed.FailureDetails.ErrorType}: {failed.FailureDetails.ErrorMessage}";
            }
        }));

    [Fact]
    public async Task A_sub_orchestration_returns_its_output_to_the_parent()
    {
        using var hub = CreateHub();

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Parent, "hi");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("parent got HI", result.ReadOutputAs(TestJsonContext.Default.String));
        var history = (await hub.Client.GetInstanceAsync(id, includeHistory: true))!.History!;
        var childId = history.Single(e => e.Type == HistoryEventType.SubOrchestrationInstanceCreated).InstanceId!;
        Assert.Equal(OrchestrationStatus.Completed, (await hub.Client.GetInstanceAsync(childId))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_sub_orchestration_called_again_after_continue_as_new_completes()
    {
        using var hub = CreateHub();

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(ChildEveryRound, 0);
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(2, result.ReadOutputAs(TestJsonContext.Default.Int32));
    }

    [Fact]
    public async Task A_sub_orchestration_start_dispatched_again_after_the_child_completed_leaves_the_parent_its_result()
    {
        using var hub = CreateHub();
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Parent, "hi");

        // The parent's episode reads, commits, starts the child and wakes it (four storage calls), then dies before
        // deleting its outbox: its next episode dispatches the same start again, after the child has already reported.
        var doomed = hub.CreateEngine(new FaultInjectingStorageProvider(hub.Storage, crashAfterCalls: 4));
        var wakeUp = Assert.Single(await hub.Storage.GetQueue(hub.Engine.OrchestrationQueue).ReceiveAsync(1, TimeSpan.FromMinutes(5)));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => doomed.HandleWakeUpAsync(wakeUp.Body));
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("parent got HI", result.ReadOutputAs(TestJsonContext.Default.String));
    }

    [Fact]
    public async Task A_sub_orchestration_whose_instance_id_is_taken_fails_the_parent_task_naming_the_id()
    {
        using var hub = CreateHub();
        await hub.Client.ScheduleNewOrchestrationInstanceAsync(Child, "theirs", "taken-id");
        await hub.RunToCompletionAsync("taken-id");

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(ParentOfNamedChild, "taken-id");
        var result = await hub.RunToCompletionAsync(id);

        var output = result.ReadOutputAs(TestJsonContext.Default.String);
        Assert.StartsWith("InstanceAlreadyExists: ", output, StringComparison.Ordinal);
        Assert.Contains("'taken-id'", output, StringComparison.Ordinal);
        Assert.Equal("THEIRS", (await hub.Client.GetInstanceAsync("taken-id"))!.ReadOutputAs(TestJsonContext.Default.String));
    }

    [Fact]
    public async Task A_failed_sub_orchestration_surfaces_as_a_task_failure_in_the_parent()
    {
        using var hub = CreateHub();

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(ParentOfFailure, "bad");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("child failed: System.ArgumentException", result.ReadOutputAs(TestJsonContext.Default.String));
        Assert.Equal(OrchestrationStatus.Failed, (await hub.Client.GetInstanceAsync("the-child"))!.RuntimeStatus);
    }

    [Fact]
    public async Task Continue_as_new_restarts_with_the_new_input_and_a_fresh_history()
    {
        using var hub = CreateHub();

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Counter, 0);
        var result = await hub.RunToCompletionAsync(id);
        var history = (await hub.Client.GetInstanceAsync(id, includeHistory: true))!.History!;

        Assert.Equal(5, result.ReadOutputAs(TestJsonContext.Default.Int32));
        Assert.Single(history, e => e.Type == HistoryEventType.ExecutionStarted);
        Assert.Equal("5", history.Single(e => e.Type == HistoryEventType.ExecutionStarted).Input);
    }

    [Fact]
    public async Task Custom_status_is_visible_to_clients_while_the_instance_runs()
    {
        using var hub = CreateHub();
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Status, "x");

        await hub.RunUntilIdleAsync();
        var whileWaiting = (await hub.Client.GetInstanceAsync(id))!.CustomStatus;
        await hub.Client.RaiseEventAsync(id, "go", "\"now\"");
        var finished = await hub.RunToCompletionAsync(id);

        Assert.Equal("waiting for go", whileWaiting);
        Assert.Equal("done", finished.CustomStatus);
    }
}
