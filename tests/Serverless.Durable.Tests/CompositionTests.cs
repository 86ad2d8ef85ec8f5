using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

public sealed class CompositionTests
{
    private const string Upper = "Upper";
    private const string Fail = "Fail";
    private const string Child = "Child";
    private const string FailingChild = "FailingChild";
    private const string Parent = "Parent";
    private const string ParentOfFailure = "ParentOfFailure";
    private const string Counter = "Counter";
    private const string Status = "Status";
    private const string ChildEveryRound = "ChildEveryRound";
    private const string ParentOfNamedChild = "ParentOfNamedChild";
    private const string WhoIsMyParent = "WhoIsMyParent";
    private const string AskChild = "AskChild";

    private static TestHub CreateHub() => new(registry => registry
        .AddActivityFunc<string, string>(Upper, (_, s) => s.ToUpperInvariant())
        .AddActivityFunc<string, string>(Fail, (_, s) => Task.FromException<string>(new ArgumentException(s)))
        .AddOrchestratorFunc<string, string>(Child, (ctx, input) => ctx.CallActivityAsync<string>(Upper, input))
        .AddOrchestratorFunc<string, string>(FailingChild, (ctx, input) => ctx.CallActivityAsync<string>(Fail, input))
        .AddOrchestratorFunc<string, string>(
            Parent,
            async (ctx, input) => "parent got " + await ctx.CallSubOrchestratorAsync<string>(Child, input))
        .AddOrchestratorFunc<string, string>(ParentOfFailure, async (ctx, input) =>
        {
            try
            {
                return await ctx.CallSubOrchestratorAsync<string>(
                    FailingChild,
                    input,
                    new SubOrchestrationOptions(instanceId: "the-child"));
            }
            catch (TaskFailedException failed)
            {
                return $"child failed: {failed.FailureDetails.InnerFailure?.ErrorType}";
            }
        })
        .AddOrchestratorFunc<int, int>(Counter, async (ctx, count) =>
        {
            if (count < 5)
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddSeconds(1), CancellationToken.None);
                ctx.ContinueAsNew(count + 1);
            }

            return count;
        })
        .AddOrchestratorFunc<string, string>(Status, async (ctx, input) =>
        {
            ctx.SetCustomStatus("waiting for go");
            await ctx.WaitForExternalEvent<string>("go");
            ctx.SetCustomStatus("done");
            return input;
        })
        .AddOrchestratorFunc<int, int>(ChildEveryRound, async (ctx, round) =>
        {
            await ctx.CallSubOrchestratorAsync<string>(Child, $"round {round}");
            if (round < 2)
            {
                ctx.ContinueAsNew(round + 1);
            }

            return round;
        })
        .AddOrchestratorFunc<string, string>(ParentOfNamedChild, async (ctx, childId) =>
        {
            try
            {
                return await ctx.CallSubOrchestratorAsync<string>(
                    Child,
                    "mine",
                    new SubOrchestrationOptions(instanceId: childId));
            }
            catch (TaskFailedException failed)
            {
                return $"{failed.FailureDetails.ErrorType}: {failed.FailureDetails.ErrorMessage}";
            }
        })
        .AddOrchestratorFunc<string, string>(WhoIsMyParent, (ctx, _) =>
            ctx.Parent is { } parent
                ? $"{parent.Name.Name}|{parent.InstanceId}|{ctx.GetInput<string>()}"
                : $"no parent|{ctx.GetInput<string>()}")
        .AddOrchestratorFunc<string, string>(AskChild, (ctx, input) =>
            ctx.CallSubOrchestratorAsync<string>(
                WhoIsMyParent,
                input,
                new SubOrchestrationOptions(instanceId: "asked-child"))));

    [Fact]
    public async Task A_sub_orchestration_returns_its_output_to_the_parent()
    {
        using var hub = CreateHub();

        var id = await hub.StartAsync(Parent, "hi");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("parent got HI", result.ReadOutputAs<string>());
        var childId = (await hub.HistoryAsync(id)).OfType<SubOrchestrationInstanceCreatedEvent>().Single().InstanceId;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await hub.Client.GetInstanceAsync(childId))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_sub_orchestration_knows_its_parent_by_name_and_instance_id_and_reads_its_input()
    {
        using var hub = CreateHub();

        var id = await hub.StartAsync(AskChild, "the input", "asking-parent");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("AskChild|asking-parent|the input", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_top_level_instance_has_no_parent_and_reads_its_input()
    {
        using var hub = CreateHub();

        var id = await hub.StartAsync(WhoIsMyParent, "alone");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("no parent|alone", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_sub_orchestration_called_again_after_continue_as_new_completes()
    {
        using var hub = CreateHub();

        var id = await hub.StartAsync(ChildEveryRound, 0);
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(2, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task A_sub_orchestration_start_redelivered_after_the_child_completed_leaves_the_parent_its_result()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(Parent, "hi");

        // The parent's episode reads, commits, starts the child and wakes it (four storage calls), then dies before
        // deleting its outbox: its next episode dispatches the same start again, after the child has already reported.
        var doomed = hub.CreateEngine(new FaultInjectingStorageProvider(hub.Storage, crashAfterCalls: 4));
        var wakeUp = Assert.Single(await hub.Storage.GetQueue(hub.Engine.OrchestrationQueue).ReceiveAsync(
            1,
            TimeSpan.FromMinutes(5)));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => doomed.HandleWakeUpAsync(wakeUp.Body));
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("parent got HI", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_sub_orchestration_whose_instance_id_is_taken_fails_the_parent_task_naming_the_id()
    {
        using var hub = CreateHub();
        await hub.StartAsync(Child, "theirs", "taken-id");
        await hub.RunToCompletionAsync("taken-id");

        var id = await hub.StartAsync(ParentOfNamedChild, "taken-id");
        var result = await hub.RunToCompletionAsync(id);

        var output = result.ReadOutputAs<string>();
        Assert.StartsWith("InstanceAlreadyExists: ", output, StringComparison.Ordinal);
        Assert.Contains("'taken-id'", output, StringComparison.Ordinal);
        Assert.Equal(
            "THEIRS",
            (await hub.Client.GetInstanceAsync("taken-id", getInputsAndOutputs: true))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_failed_sub_orchestration_surfaces_as_a_task_failure_in_the_parent()
    {
        using var hub = CreateHub();

        var id = await hub.StartAsync(ParentOfFailure, "bad");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("child failed: System.ArgumentException", result.ReadOutputAs<string>());
        Assert.Equal(
            OrchestrationRuntimeStatus.Failed,
            (await hub.Client.GetInstanceAsync("the-child"))!.RuntimeStatus);
    }

    [Fact]
    public async Task Continue_as_new_restarts_with_the_new_input_and_a_fresh_history()
    {
        using var hub = CreateHub();

        var id = await hub.StartAsync(Counter, 0);
        var result = await hub.RunToCompletionAsync(id);
        var history = await hub.HistoryAsync(id);

        Assert.Equal(5, result.ReadOutputAs<int>());
        Assert.Equal("5", Assert.Single(history.OfType<ExecutionStartedEvent>()).Input);
        Assert.Empty(history.OfType<TimerCreatedEvent>());
    }

    [Fact]
    public async Task Custom_status_is_visible_to_clients_while_the_instance_runs()
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(Status, "x");

        await hub.RunUntilIdleAsync();
        var whileWaiting = (await hub.Client.GetInstanceAsync(
            id,
            getInputsAndOutputs: true))!.ReadCustomStatusAs<string>();
        await hub.Client.RaiseEventAsync(id, "go", "now");
        var finished = await hub.RunToCompletionAsync(id);

        Assert.Equal("waiting for go", whileWaiting);
        Assert.Equal("done", finished.ReadCustomStatusAs<string>());
    }
}
