using System.Globalization;

namespace Serverless.Durable.Engine;

/// <summary>The row keys of an instance partition: one instance row, history chunks, inbox and outbox rows.</summary>
internal static class RowKeys
{
    public const string Instance = "instance";
    public const string HistoryPrefix = "history:";
    public const string InboxPrefix = "inbox:";

    /// <summary>
    /// The one prefix that the instance row and the inbox rows share, and no other row: all an episode of a cached
    /// execution reads.
    /// </summary>
    public const string InstanceAndInboxPrefix = "i";
    public const string OutboxPrefix = "outbox:";

    /// <summary>Whether <paramref name="rowKey"/> is an outbox row's.</summary>
    public static bool IsOutbox(string rowKey) => rowKey.StartsWith(OutboxPrefix, StringComparison.Ordinal);

    /// <summary>One history row per episode, ordered by sequence.</summary>
    public static string History(string executionId, int sequence) =>
        $"{HistoryPrefix}{executionId}:{sequence.ToString("D10", CultureInfo.InvariantCulture)}";

    public static string HistoryOf(string executionId) => $"{HistoryPrefix}{executionId}:";

    public static string Outbox(string executionId, int sequence) =>
        $"{OutboxPrefix}{executionId}:{sequence.ToString("D10", CultureInfo.InvariantCulture)}";

    public static string TaskResult(string executionId, int taskId) => $"{InboxPrefix}task:{executionId}:{taskId}";

    public static string TimerFired(string executionId, int taskId) => $"{InboxPrefix}timer:{executionId}:{taskId}";

    public static string SubOrchestrationResult(string executionId, int taskId) =>
        $"{InboxPrefix}suborchestration:{executionId}:{taskId}";

    public static string Event(string eventId) => $"{InboxPrefix}event:{eventId}";

    public const string Terminate = InboxPrefix + "terminate";

    /// <summary>A suspend or resume request, one row each, applied in the order they arrived.</summary>
    public static string Control(string requestId) => $"{InboxPrefix}control:{requestId}";
}
