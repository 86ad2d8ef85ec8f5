using DurableTask.Core.History;

namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>
/// Turns DurableTask.Core history events into the <see cref="ScheduledWork"/> sequence of an outcome.
/// </summary>
public static class HistoryScheduledWork
{
    /// <summary>
    /// The activities (<see cref="TaskScheduledEvent"/>), timers (<see cref="TimerCreatedEvent"/>) and
    /// sub-orchestrations (<see cref="SubOrchestrationInstanceCreatedEvent"/>) of <paramref name="events"/>, in order.
    /// </summary>
    public static IEnumerable<ScheduledWork> From(IEnumerable<HistoryEvent> events)
    {
        foreach (var historyEvent in events)
        {
            switch (historyEvent)
            {
                case TaskScheduledEvent task:
                    yield return ScheduledWork.Activity(task.Name ?? string.Empty);
                    break;
                case TimerCreatedEvent:
                    yield return ScheduledWork.Timer;
                    break;
                case SubOrchestrationInstanceCreatedEvent sub:
                    yield return ScheduledWork.SubOrchestration(sub.Name ?? string.Empty);
                    break;
            }
        }
    }

    /// <summary>
    /// The version the first <see cref="ExecutionStartedEvent"/> of <paramref name="events"/> records ("" for none, and
    /// when there is no such event).
    /// </summary>
    public static string StartVersion(IEnumerable<HistoryEvent> events)
        => events.OfType<ExecutionStartedEvent>().FirstOrDefault()?.Version ?? string.Empty;
}
