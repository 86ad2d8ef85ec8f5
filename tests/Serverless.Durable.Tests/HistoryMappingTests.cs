using DurableTask.Core.History;
using Microsoft.DurableTask;
using Serverless.Durable.Tests.Support;
using CoreOrchestrationStatus = DurableTask.Core.OrchestrationStatus;

namespace Serverless.Durable.Tests;

/// <summary>
/// The SDK client's history is the Durable Task Framework's: scheduled tasks carry their ids, outcomes point back at
/// them.
/// </summary>
public sealed class HistoryMappingTests
{
    private const string Echo = "Echo";
    private const string Fail = "Fail";
    private const string Child = "Child";
    private const string Target = "Target";
    private const string Everything = "Everything";

    private static TestHub CreateHub() => new(registry => registry
        .AddActivityFunc<string, string>(Echo, (_, s) => s)
        .AddActivityFunc<string, string>(Fail, (_, s) => Task.FromException<string>(new InvalidOperationException(s)))
        .AddOrchestratorFunc<string, string>(Child, (ctx, input) => ctx.CallActivityAsync<string>(Echo, input))
        .AddOrchestratorFunc<string, string>(Target, (ctx, _) => ctx.WaitForExternalEvent<string>("note"))
        .AddOrchestratorFunc<string, string>(Everything, async (ctx, input) =>
        {
            var echoed = await ctx.CallActivityAsync<string>(Echo, input);
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(1), CancellationToken.None);
            var child = await ctx.CallSubOrchestratorAsync<string>(
                Child,
                "c",
                new SubOrchestrationOptions(instanceId: "everything-child"));
            ctx.SendEvent("target", "note", "hello");
            var raised = await ctx.WaitForExternalEvent<string>("go");
            try
            {
                await ctx.CallActivityAsync<string>(Fail, "f");
            }
            catch (TaskFailedException)
            {
            }

            return $"{echoed}{child}{raised}";
        }));

    [Fact]
    public async Task The_history_maps_every_event_and_links_each_outcome_to_its_scheduled_task()
    {
        using var hub = CreateHub();
        await hub.StartAsync(Target, "", "target");
        var id = await hub.StartAsync(Everything, "a");
        await hub.RunUntilIdleAsync();
        await hub.AdvanceAsync(TimeSpan.FromMinutes(1));
        await hub.Client.RaiseEventAsync(id, "go", "now");
        var result = await hub.RunToCompletionAsync(id);

        var history = await hub.HistoryAsync(id);

        Assert.Equal("acnow", result.ReadOutputAs<string>());
        var started = Assert.Single(history.OfType<ExecutionStartedEvent>());
        Assert.Equal(
            (Everything, "\"a\"", id),
            (started.Name, started.Input, started.OrchestrationInstance.InstanceId));

        var echo = history.OfType<TaskScheduledEvent>().Single(e => e.Name == Echo);
        var echoed = Assert.Single(history.OfType<TaskCompletedEvent>());
        Assert.Equal("\"a\"", echo.Input);
        Assert.Equal(echo.EventId, echoed.TaskScheduledId);
        Assert.Equal("\"a\"", echoed.Result);

        var timer = Assert.Single(history.OfType<TimerCreatedEvent>());
        var fired = Assert.Single(history.OfType<TimerFiredEvent>());
        Assert.Equal(timer.EventId, fired.TimerId);
        Assert.Equal(timer.FireAt, fired.FireAt);
        Assert.Equal(timer.Timestamp.AddMinutes(1), timer.FireAt);

        var created = Assert.Single(history.OfType<SubOrchestrationInstanceCreatedEvent>());
        var completed = Assert.Single(history.OfType<SubOrchestrationInstanceCompletedEvent>());
        Assert.Equal((Child, "everything-child", "\"c\""), (created.Name, created.InstanceId, created.Input));
        Assert.Equal(created.EventId, completed.TaskScheduledId);
        Assert.Equal("\"c\"", completed.Result);

        var sent = Assert.Single(history.OfType<EventSentEvent>());
        Assert.Equal(("target", "note", "\"hello\""), (sent.InstanceId, sent.Name, sent.Input));
        var raised = Assert.Single(history.OfType<EventRaisedEvent>());
        Assert.Equal(("go", "\"now\""), (raised.Name, raised.Input));

        var failing = history.OfType<TaskScheduledEvent>().Single(e => e.Name == Fail);
        var failed = Assert.Single(history.OfType<TaskFailedEvent>());
        Assert.Equal(failing.EventId, failed.TaskScheduledId);
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.FailureDetails!.ErrorType);
        Assert.Equal("f", failed.FailureDetails.ErrorMessage);

        var finished = Assert.Single(history.OfType<ExecutionCompletedEvent>());
        Assert.Equal(CoreOrchestrationStatus.Completed, finished.OrchestrationStatus);
        Assert.Equal("\"acnow\"", finished.Result);

        int[] scheduledIds = [echo.EventId, timer.EventId, created.EventId, sent.EventId, failing.EventId];
        Assert.Equal(scheduledIds.Length, scheduledIds.Distinct().Count());
        Assert.All(
            history.Where(e =>
                e is not (TaskScheduledEvent
                    or TimerCreatedEvent
                    or SubOrchestrationInstanceCreatedEvent
                    or EventSentEvent)),
            e => Assert.Equal(-1, e.EventId));
        Assert.Equal(
            "hello",
            (await hub.Client.GetInstanceAsync("target", getInputsAndOutputs: true))!.ReadOutputAs<string>());
    }
}
