using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

public sealed class ActivityTests
{
    private static readonly ActivityRef<string, string> Greet = new("Greet", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly ActivityRef<string, string> Explode = new("Explode", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly ActivityRef<string, string> OnOtherQueue = new("OnOtherQueue", TestJsonContext.Default.String, TestJsonContext.Default.String, queue: "other-work");
    private static readonly OrchestratorRef<string, string> Sequence = new("Sequence", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<string, string> CatchFailure = new("CatchFailure", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<string, string> Unhandled = new("Unhandled", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<string, string> Routed = new("Routed", TestJsonContext.Default.String, TestJsonContext.Default.String);
    private static readonly OrchestratorRef<string, string> FanOut = new("FanOut", TestJsonContext.Default.String, TestJsonContext.Default.String);

    private static TestHub CreateHub() => new(registry => registry
        .AddActivity(Greet, (_, name, _) => Task.FromResult($"Hello {name}"))
        .AddActivity(Explode, (_, message, _) => throw new InvalidOperationException(message))
        .AddActivity(OnOtherQueue, (_, input, _) => Task.FromResult(input.ToUpperInvariant()))
        .AddOrchestrator(Sequence, async (ctx, input) =>
        {
            var first = await ctx.CallActivityAsync(Greet, input);
            var second = await ctx.CallActivityAsync(Greet, first);
            return second;
        })
        .AddOrchestrator(CatchFailure, async (ctx, input) =>
        {
            try
            {
                await ctx.CallActivityAsync(Explode, input);
                return "no failure";
            }
            catch (TaskFailedException failed)
            {
                return $"{failed.FailureDetails.ErrorType}|{failed.FailureDetails.ErrorMessage}|{failed.FailureDetails.IsCausedBy<InvalidOperationException>()}";
            }
        })
        .AddOrchestrator(Unhandled, (ctx, input) => ctx.CallActivityAsync(Explode, input))
        .AddOrchestrator(Routed, (ctx, input) => ctx.CallActivityAsync(OnOtherQueue, input))
        .AddOrchestrator(FanOut, async (ctx, input) =>
        {
            var calls = Enumerable.Range(0, 10).Select(i => ctx.CallActivityAsync(Greet, $"{input}{i}")).ToList();
            var results = await Task.WhenAll(calls);
            return string.Join(",", results);
        }));

    [Fact]
    public async Task Activities_run_in_sequence_and_their_outputs_flow_into_the_next_call()
    {
        using var hub = CreateHub();

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Sequence, "Ada");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Hello Hello Ada", result.ReadOutputAs(TestJsonContext.Default.String));
    }

    [Fact]
    public async Task An_activity_failure_reaches_the_orchestrator_with_the_original_type_and_message()
    {
        using var hub = CreateHub();

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(CatchFailure, "boom");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal("System.InvalidOperationException|boom|True", result.ReadOutputAs(TestJsonContext.Default.String));
    }

    [Fact]
    public async Task An_unhandled_activity_failure_fails_the_instance_with_the_failure_details()
    {
        using var hub = CreateHub();

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Unhandled, "kaput");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("System.InvalidOperationException: kaput", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_activity_with_its_own_queue_receives_its_work_items_there()
    {
        using var hub = CreateHub();

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(Routed, "queued");
        await hub.Storage.GetQueue(hub.Engine.OrchestrationQueue).CreateIfNotExistsAsync();
        var wakeUp = (await hub.Storage.GetQueue(hub.Engine.OrchestrationQueue).ReceiveAsync(1, TimeSpan.FromMinutes(1)))[0];
        await hub.Engine.HandleWakeUpAsync(wakeUp.Body);

        Assert.Equal(1, await hub.Storage.GetQueue("other-work").CountAsync());
        Assert.Contains("other-work", hub.Engine.ActivityQueues);
    }

    [Fact]
    public async Task Activities_scheduled_together_run_in_parallel_and_are_gathered_in_order()
    {
        using var hub = CreateHub();

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(FanOut, "n");
        var result = await hub.RunToCompletionAsync(id);

        var expected = string.Join(",", Enumerable.Range(0, 10).Select(i => $"Hello n{i}"));
        Assert.Equal(expected, result.ReadOutputAs(TestJsonContext.Default.String));
    }

    [Fact]
    public async Task Redelivering_a_work_item_reuses_the_same_idempotency_key()
    {
        var keys = new List<string>();
        var echo = new ActivityRef<string, string>("Echo", TestJsonContext.Default.String, TestJsonContext.Default.String);
        var once = new OrchestratorRef<string, string>("Once", TestJsonContext.Default.String, TestJsonContext.Default.String);
        using var hub = new TestHub(registry => registry
            .AddActivity(echo, (ctx, input, _) =>
            {
                lock (keys)
                {
                    keys.Add(ctx.IdempotencyKey);
                }

                return Task.FromResult(input);
            })
            .AddOrchestrator(once, (ctx, input) => ctx.CallActivityAsync(echo, input)));
        await hub.Client.ScheduleNewOrchestrationInstanceAsync(once, "x", "key-instance");
        var orchestrations = hub.Storage.GetQueue(hub.Engine.OrchestrationQueue);
        await hub.Engine.HandleWakeUpAsync((await orchestrations.ReceiveAsync(1, TimeSpan.FromMinutes(1)))[0].Body);
        var workItems = hub.Storage.GetQueue(hub.Engine.ActivityQueues[0]);
        var firstDelivery = (await workItems.ReceiveAsync(1, TimeSpan.FromSeconds(10)))[0];

        await hub.Engine.HandleWorkItemAsync(firstDelivery.Body, firstDelivery.DequeueCount);
        hub.Time.Advance(TimeSpan.FromSeconds(11));
        var secondDelivery = (await workItems.ReceiveAsync(1, TimeSpan.FromSeconds(10)))[0];
        await hub.Engine.HandleWorkItemAsync(secondDelivery.Body, secondDelivery.DequeueCount);

        Assert.Equal(2, secondDelivery.DequeueCount);
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
        Assert.StartsWith("key-instance:", keys[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_work_item_delivered_past_the_limit_is_recorded_as_a_failed_task_without_running()
    {
        var runs = 0;
        var hang = new ActivityRef<string, string>("Hang", TestJsonContext.Default.String, TestJsonContext.Default.String);
        var orchestrator = new OrchestratorRef<string, string>("Poisoned", TestJsonContext.Default.String, TestJsonContext.Default.String);
        using var hub = new TestHub(registry => registry
            .AddActivity(hang, (_, input, _) =>
            {
                Interlocked.Increment(ref runs);
                return Task.FromResult(input);
            })
            .AddOrchestrator(orchestrator, async (ctx, input) =>
            {
                try
                {
                    return await ctx.CallActivityAsync(hang, input);
                }
                catch (TaskFailedException failed)
                {
                    return failed.FailureDetails.ErrorType;
                }
            }));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, "x");
        var orchestrations = hub.Storage.GetQueue(hub.Engine.OrchestrationQueue);
        await hub.Engine.HandleWakeUpAsync((await orchestrations.ReceiveAsync(1, TimeSpan.FromMinutes(1)))[0].Body);
        var workItem = (await hub.Storage.GetQueue(hub.Engine.ActivityQueues[0]).ReceiveAsync(1, TimeSpan.FromMinutes(1)))[0];

        await hub.Engine.HandleWorkItemAsync(workItem.Body, dequeueCount: hub.HubOptions.MaxActivityDeliveries);
        await hub.Storage.GetQueue(hub.Engine.ActivityQueues[0]).CompleteAsync(workItem);
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(0, runs);
        Assert.Equal("ActivityDeliveryLimitExceeded", result.ReadOutputAs(TestJsonContext.Default.String));
    }
}
