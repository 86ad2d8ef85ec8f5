using Serverless.Durable.History;

namespace Serverless.Orders.Tests.Support;

/// <summary>The edits that turn a golden history into one today's saga must refuse to replay.</summary>
internal static class GoldenEdits
{
    /// <summary>The edited histories the tests keep: a golden scenario and its edit.</summary>
    public static TheoryData<string, string> All() => new()
    {
        { "a-confirmed", "rename ChargePayment" },
        { "a-confirmed", "remove CommitStock" },
        { "b-declined", "rename RefundPayment" },
        { "c-transient-then-confirmed", "remove the first retry timer" },
        { "g-approved-then-confirmed", "remove SetOrderStatus" },
        { "d-approval-waiting", "rename ReserveStock" },
    };

    /// <summary>
    /// A copy of <paramref name="history"/> with one edit: <c>rename X</c> renames activity X; <c>remove X</c> removes
    /// the first scheduling of activity X with its outcome (and that outcome's episode start), renumbering later tasks,
    /// as if the previous release had never called it; <c>remove the first retry timer</c> does the same to the first
    /// timer.
    /// </summary>
    public static List<StoredHistoryEvent> Apply(List<StoredHistoryEvent> history, string edit)
    {
        var (verb, what) = (
            edit[..edit.IndexOf(' ', StringComparison.Ordinal)],
            edit[(edit.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        if (verb == "rename")
        {
            Assert.Contains(history, e => e.Name == what);
            return history.Select(e => e.Name == what ? e with { Name = what + "V2" } : e).ToList();
        }

        var removed = what == "the first retry timer"
            ? history.First(e => e.Type == HistoryEventType.TimerCreated).TaskId!.Value
            : history.First(e => e.Type == HistoryEventType.TaskScheduled && e.Name == what).TaskId!.Value;
        var outcome = history.FindIndex(e => e.TaskId == removed
            && e.Type is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired);
        Assert.True(outcome > 0 && history[outcome - 1].Type == HistoryEventType.OrchestratorStarted);
        return history
            .Where((e, i) => e.TaskId != removed && i != outcome - 1)
            .Select(e => e.TaskId > removed ? e with { TaskId = e.TaskId - 1 } : e)
            .ToList();
    }
}
