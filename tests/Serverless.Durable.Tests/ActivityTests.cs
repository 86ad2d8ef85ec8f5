using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

public sealed class ActivityTests
{
    private const string Greet = "Greet";
    private const string Explode = "Explode";
    private const string OnOtherQueue = "OnOtherQueue";
    private const string Sequence = "Sequence";
    private const string CatchFailure = "CatchFailure";
    private const string Unhandled = "Unhandled";
    private const string Routed = "Routed";
    private const string FanOut = "FanOut";

    private static TestHub CreateHub() => new(
        registry => registry
            .AddActivityFunc<string, string>(Greet, (_, name) => $"Hello {name}")
            .AddActivityFunc<string, string>(
                Explode,
                (_, message) => Task.FromException<string>(new InvalidOperationException(message)))
            .AddActivityFunc<string, string>(OnOtherQueue, (_, input) => input.ToUpperInvariant())
            .AddOrchestratorFunc<string, string>(Sequence, async (ctx, input) =>
            {
                var first = await ctx.CallActivityAsync<string>(Greet, input);
                return await ctx.CallActivityAsync<string>(Greet, first);
            })
            .AddOrchestratorFunc<string, string>(CatchFailure, async (ctx, input) =>
            {
                try
                {
                    await ctx.CallActivityAsync<string>(Explode, input);
                    return "no failure";
                }
                catch (TaskFailedException failed)
                {
                    return $"{failed.TaskName}|{failed.FailureDetails.ErrorType}|{failed.FailureDetails.ErrorMessage}";
                }
            })
            .AddOrchestratorFunc<string, string>(
                Unhandled,
                (ctx, input) => ctx.CallActivityAsync<string>(Explode, input))
            .AddOrchestratorFunc<string, string>(
                Routed,
                (ctx, input) => ctx.CallActivityAsync<string>(OnOtherQueue, input))
            .AddOrchestratorFunc<string, string>(FanOut, async (ctx, input) =>
            {
                var calls = Enumerable.Range(0, 10)
                    .Select(i => ctx.CallActivityAsync<string>(Greet, $"{input}{i}"))
                    .ToList();
                var results = await Task.WhenAll(calls);
                return string.Join(",", results);
            }),
        configure: options => options.ActivityQueues[OnOtherQueue] = "other-work");

    [Fact]
    public async Task Activities_run_in_sequence_and_their_outputs_flow_into_the_next_call()
    {
        using var hub = CreateHub();

        var id = await hub.StartAsync(Sequence, "Ada");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Hello Hello Ada", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_activity_failure_reaches_the_orchestrator_with_the_original_type_and_message()
    {
        using var hub = CreateHub();

        var id = await hub.StartAsync(CatchFailure, "boom");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal($"Explode|{typeof(InvalidOperationException).FullName}|boom", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_unhandled_activity_failure_fails_the_instance_with_the_failure_details()
    {
        using var hub = CreateHub();

        var id = await hub.StartAsync(Unhandled, "kaput");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("kaput", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(typeof(InvalidOperationException).FullName, result.FailureDetails.InnerFailure!.ErrorType);
        Assert.Equal("kaput", result.FailureDetails.InnerFailure.ErrorMessage);
    }

    [Fact]
    public async Task An_activity_with_its_own_queue_receives_its_work_items_there()
    {
        using var hub = CreateHub();

        await hub.StartAsync(Routed, "queued");
        var wakeUp = (await hub.Storage.GetQueue(hub.Engine.OrchestrationQueue).ReceiveAsync(
            1,
            TimeSpan.FromMinutes(1)))[0];
        await hub.Engine.HandleWakeUpAsync(wakeUp.Body);

        Assert.Equal(1, await hub.Storage.GetQueue("other-work").CountAsync());
        Assert.Equal(0, await hub.Storage.GetQueue("tests-activities").CountAsync());
        Assert.Contains("other-work", hub.Engine.ActivityQueues);
    }

    [Fact]
    public async Task Activities_scheduled_together_run_in_parallel_and_are_gathered_in_order()
    {
        using var hub = CreateHub();

        var id = await hub.StartAsync(FanOut, "n");
        var result = await hub.RunToCompletionAsync(id);

        var expected = string.Join(",", Enumerable.Range(0, 10).Select(i => $"Hello n{i}"));
        Assert.Equal(expected, result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Redelivery_runs_the_activity_again_for_the_same_instance_and_input_and_records_one_result()
    {
        var runs = new List<string>();
        using var hub = new TestHub(registry => registry
            .AddActivityFunc<string, string>("Echo", (ctx, input) =>
            {
                lock (runs)
                {
                    runs.Add($"{ctx.Name}|{ctx.InstanceId}|{input}");
                }

                return input;
            })
            .AddOrchestratorFunc<string, string>("Once", (ctx, input) => ctx.CallActivityAsync<string>("Echo", input)));
        var id = await hub.StartAsync("Once", "x", "key-instance");
        var orchestrations = hub.Storage.GetQueue(hub.Engine.OrchestrationQueue);
        await hub.Engine.HandleWakeUpAsync((await orchestrations.ReceiveAsync(1, TimeSpan.FromMinutes(1)))[0].Body);
        var workItems = hub.Storage.GetQueue(hub.Engine.ActivityQueues[0]);
        var firstDelivery = (await workItems.ReceiveAsync(1, TimeSpan.FromSeconds(10)))[0];

        await hub.Engine.HandleWorkItemAsync(firstDelivery.Body, firstDelivery.DequeueCount);
        hub.Time.Advance(TimeSpan.FromSeconds(11));
        var secondDelivery = (await workItems.ReceiveAsync(1, TimeSpan.FromSeconds(10)))[0];
        await hub.Engine.HandleWorkItemAsync(secondDelivery.Body, secondDelivery.DequeueCount);
        await workItems.CompleteAsync(secondDelivery);
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(2, secondDelivery.DequeueCount);
        Assert.Equal(["Echo|key-instance|x", "Echo|key-instance|x"], runs);
        Assert.Equal("x", result.ReadOutputAs<string>());
        Assert.Single((await hub.HistoryAsync(id)).OfType<TaskCompletedEvent>());
    }

    [Fact]
    public async Task A_work_item_delivered_past_the_limit_is_recorded_as_a_failed_task_without_running()
    {
        var runs = 0;
        using var hub = new TestHub(registry => registry
            .AddActivityFunc<string, string>("Hang", (_, input) =>
            {
                Interlocked.Increment(ref runs);
                return input;
            })
            .AddOrchestratorFunc<string, string>("Poisoned", async (ctx, input) =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("Hang", input);
                }
                catch (TaskFailedException failed)
                {
                    return failed.FailureDetails.ErrorType;
                }
            }));
        var id = await hub.StartAsync("Poisoned", "x");
        var orchestrations = hub.Storage.GetQueue(hub.Engine.OrchestrationQueue);
        await hub.Engine.HandleWakeUpAsync((await orchestrations.ReceiveAsync(1, TimeSpan.FromMinutes(1)))[0].Body);
        var workItem = (await hub.Storage.GetQueue(hub.Engine.ActivityQueues[0]).ReceiveAsync(
            1,
            TimeSpan.FromMinutes(1)))[0];

        await hub.Engine.HandleWorkItemAsync(workItem.Body, dequeueCount: hub.HubOptions.MaxActivityDeliveries);
        await hub.Storage.GetQueue(hub.Engine.ActivityQueues[0]).CompleteAsync(workItem);
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(0, runs);
        Assert.Equal("ActivityDeliveryLimitExceeded", result.ReadOutputAs<string>());
    }
}
