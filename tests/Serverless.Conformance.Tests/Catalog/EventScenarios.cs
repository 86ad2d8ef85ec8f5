using Microsoft.DurableTask;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests.Catalog;

/// <summary>
/// External events: raised after the wait began, raised before it (buffered), timed out, raced with a timer.
/// </summary>
internal static class EventScenarios
{
    public const string Approve = "approve";

    /// <summary>The event is raised once the instance says it waits: output "approved by alice".</summary>
    public static Scenario RaisedAfterWait { get; } = Scenario
        .Start(
            "event-raised-after-wait",
            registry => registry.AddOrchestrator(nameof(ApprovalOrchestrator), () => new ApprovalOrchestrator()),
            nameof(ApprovalOrchestrator))
        .Then(ScenarioStep.Raise(Approve, "alice", StepTrigger.CustomStatusIs("awaiting approval")));

    /// <summary>
    /// "second" is raised right after the start, before anything waits for it; "first" once the instance waits for
    /// it. The wait for "second" begins only after "first" arrived, so "second" is taken from the buffer: output "AB".
    /// </summary>
    public static Scenario RaisedBeforeWait { get; } = Scenario
        .Start(
            "event-raised-before-wait",
            registry => registry.AddOrchestrator(nameof(TwoEventsOrchestrator), () => new TwoEventsOrchestrator()),
            nameof(TwoEventsOrchestrator))
        .Then(ScenarioStep.Raise("second", "B", StepTrigger.Immediately))
        .Then(ScenarioStep.Raise("first", "A", StepTrigger.CustomStatusIs("awaiting first")));

    /// <summary>Nobody raises the event; a 50 ms timeout ends the wait. Output: what the SDK threw.</summary>
    public static Scenario WaitTimesOut { get; } = Scenario.Start(
        "event-wait-times-out",
        registry => registry.AddOrchestrator(nameof(TimeoutOrchestrator), () => new TimeoutOrchestrator()),
        nameof(TimeoutOrchestrator),
        50);

    /// <summary>Event vs a one-hour timer with <c>Task.WhenAny</c>; the event arrives: output "event: alice".</summary>
    public static Scenario EventBeatsTimer { get; } = Scenario
        .Start(
            "event-beats-timer",
            registry => registry.AddOrchestrator(nameof(RaceOrchestrator), () => new RaceOrchestrator()),
            nameof(RaceOrchestrator),
            3_600_000)
        .Then(ScenarioStep.Raise(Approve, "alice", StepTrigger.CustomStatusIs("racing")));

    /// <summary>Event vs a 50 ms timer with <c>Task.WhenAny</c>; nobody raises the event: output "timer".</summary>
    public static Scenario TimerBeatsEvent { get; } = Scenario.Start(
        "timer-beats-event",
        registry => registry.AddOrchestrator(nameof(RaceOrchestrator), () => new RaceOrchestrator()),
        nameof(RaceOrchestrator),
        50);

    /// <summary>
    /// Two waits for one event name at once; the event is raised twice ("1", then "2"). The most recent wait takes the
    /// first event (the SDK keeps waiters as a stack): output "older=2 newer=1".
    /// </summary>
    public static Scenario TwoWaitsForOneName { get; } = Scenario
        .Start(
            "event-two-waits-for-one-name",
            registry => registry.AddOrchestrator(nameof(TwoWaitsOrchestrator), () => new TwoWaitsOrchestrator()),
            nameof(TwoWaitsOrchestrator))
        .Then(ScenarioStep.Raise("x", "1", StepTrigger.CustomStatusIs("waiting twice")))
        .Then(ScenarioStep.Raise("x", "2", StepTrigger.Immediately));

    private sealed class TwoWaitsOrchestrator : TaskOrchestrator<string?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
        {
            var older = context.WaitForExternalEvent<string>("x");
            var newer = context.WaitForExternalEvent<string>("x");
            context.SetCustomStatus("waiting twice");
            await Task.WhenAll(older, newer);
            return $"older={await older} newer={await newer}";
        }
    }

    private sealed class ApprovalOrchestrator : TaskOrchestrator<string?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
        {
            context.SetCustomStatus("awaiting approval");
            var approver = await context.WaitForExternalEvent<string>(Approve);
            context.SetCustomStatus("approved");
            return $"approved by {approver}";
        }
    }

    private sealed class TwoEventsOrchestrator : TaskOrchestrator<string?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
        {
            context.SetCustomStatus("awaiting first");
            var first = await context.WaitForExternalEvent<string>("first");
            context.SetCustomStatus("awaiting second");
            var second = await context.WaitForExternalEvent<string>("second");
            return first + second;
        }
    }

    private sealed class TimeoutOrchestrator : TaskOrchestrator<int, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
        {
            try
            {
                return await context.WaitForExternalEvent<string>(Approve, TimeSpan.FromMilliseconds(input));
            }
            catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
            {
                return $"{exception.GetType().FullName}; is OperationCanceledException: " +
                    $"{exception is OperationCanceledException}";
            }
        }
    }

    private sealed class RaceOrchestrator : TaskOrchestrator<int, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
        {
            using var cancel = new CancellationTokenSource();
            context.SetCustomStatus("racing");
            var approval = context.WaitForExternalEvent<string>(Approve, cancel.Token);
            var timeout = context.CreateTimer(TimeSpan.FromMilliseconds(input), cancel.Token);
            var winner = await Task.WhenAny(approval, timeout);
            cancel.Cancel();
            return winner == approval ? $"event: {await approval}" : "timer";
        }
    }
}
