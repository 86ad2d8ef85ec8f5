using DurableTask.Core.History;

namespace Serverless.Durable.Tests.Support;

/// <summary>
/// Reads the activity calls and timers of a history in order, each timer with how far ahead of its creation it fires.
/// </summary>
internal static class RetrySteps
{
    public static List<string> Of(IEnumerable<HistoryEvent> history) => history
        .Select(e => e switch
        {
            TaskScheduledEvent => "activity",
            TimerCreatedEvent timer => $"timer +{(timer.FireAt - timer.Timestamp).TotalSeconds}s",
            _ => null,
        })
        .OfType<string>()
        .ToList();
}
