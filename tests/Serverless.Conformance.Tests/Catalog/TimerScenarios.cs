using Microsoft.DurableTask;
using Serverless.Conformance.Tests.Catalog.Tasks;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests.Catalog;

/// <summary>Durable timers: one that fires, one that is cancelled when an activity wins the race.</summary>
internal static class TimerScenarios
{
    /// <summary>
    /// A 50 ms timer; afterwards the orchestration's clock has moved on from the start: output true. Not "at or past
    /// the fire time": the Azure Storage backend delays a timer message by whole seconds (queue visibility), so a
    /// sub-second timer fires at once and the replayed clock can be before the fire time.
    /// </summary>
    public static Scenario Fires { get; } = Scenario.Start(
        "timer-fires",
        registry => registry.AddOrchestrator(nameof(SleepOrchestrator), () => new SleepOrchestrator()),
        nameof(SleepOrchestrator),
        50);

    /// <summary>
    /// A one-hour timer raced by an activity; the activity wins, the timer is cancelled and the instance completes.
    /// </summary>
    public static Scenario Cancelled { get; } = Scenario.Start(
        "timer-cancelled",
        registry =>
        {
            registry.AddOrchestrator(nameof(RaceOrchestrator), () => new RaceOrchestrator());
            EchoActivity.Register(registry);
        },
        nameof(RaceOrchestrator),
        "activity");

    private sealed class SleepOrchestrator : TaskOrchestrator<int, bool>
    {
        public override async Task<bool> RunAsync(TaskOrchestrationContext context, int input)
        {
            var started = context.CurrentUtcDateTime;
            await context.CreateTimer(started.AddMilliseconds(input), CancellationToken.None);
            return context.CurrentUtcDateTime > started;
        }
    }

    private sealed class RaceOrchestrator : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            using var cancel = new CancellationTokenSource();
            var timer = context.CreateTimer(TimeSpan.FromHours(1), cancel.Token);
            var activity = context.CallActivityAsync<string>(EchoActivity.Name, input);
            var winner = await Task.WhenAny(timer, activity);
            // Cancel, not CancelAsync: orchestrator code must stay on the orchestration's own thread.
            cancel.Cancel();
            return winner == activity ? $"{await activity} won" : "timer won";
        }
    }
}
