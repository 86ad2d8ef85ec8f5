using System.Globalization;
using System.Text;
using Serverless.Durable.Engine;
using Serverless.Durable.History;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Replay;

/// <summary>
/// DurableTask.AzureStorage's history rows as the engine's history events. Each row is one DurableTask.Core
/// <c>HistoryEvent</c>: its <c>EventType</c> by name, its members as columns (<c>Timestamp</c> as <c>_Timestamp</c>,
/// objects as JSON); a task's id is <c>EventId</c> where it is scheduled and <c>TaskScheduledId</c> or <c>TimerId</c>
/// where its outcome arrives.
/// </summary>
internal static class DurableFunctionsHistoryRows
{
    /// <summary>Rows that record nothing a replay reads (the end of an episode, diagnostics).</summary>
    private static readonly HashSet<string> Ignored = new(
        ["OrchestratorCompleted", "GenericEvent", "HistoryState"],
        StringComparer.Ordinal);

    /// <summary>The events of <paramref name="rows"/>, in order.</summary>
    /// <exception cref="NotSupportedException">A row holds an event the engine cannot replay (a rewind).</exception>
    public static List<StoredHistoryEvent> Read(IEnumerable<TableEntity> rows)
    {
        var events = new List<StoredHistoryEvent>();
        foreach (var row in rows)
        {
            var eventType = row["EventType"] ?? throw new InvalidDataException(
                $"History row ({row.PartitionKey}, {row.RowKey}) has no EventType.");
            if (!Ignored.Contains(eventType))
            {
                events.Add(ToEvent(row, eventType));
            }
        }

        return events;
    }

    /// <summary>
    /// An instance id as DurableTask.AzureStorage's <c>KeySanitation</c> escapes it in table keys, unescaped.
    /// </summary>
    public static string UnescapeKey(string key)
    {
        if (!key.Contains('^', StringComparison.Ordinal))
        {
            return key;
        }

        var unescaped = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] != '^' || i + 1 == key.Length)
            {
                unescaped.Append(key[i]);
                continue;
            }

            unescaped.Append(key[++i] switch
            {
                '^' => '^',
                '0' => '/',
                '1' => '\\',
                '2' => '#',
                '3' => '?',
                var shifted => (char)(shifted - 'À'),
            });
        }

        return unescaped.ToString();
    }

    private static StoredHistoryEvent ToEvent(TableEntity row, string eventType)
    {
        var type = eventType switch
        {
            "ContinueAsNew" => HistoryEventType.ContinuedAsNew,
            _ when char.IsLetter(eventType[0]) && Enum.TryParse<HistoryEventType>(eventType, out var known) => known,
            _ => throw new NotSupportedException(
                $"History row ({row.PartitionKey}, {row.RowKey}) is a {eventType} event, which the replay check " +
                    "cannot replay."),
        };
        return new StoredHistoryEvent(type, Time(row["_Timestamp"]) ?? row.Timestamp)
        {
            TaskId = TaskId(row, type),
            Name = Text(row["Name"]),
            Version = Text(row["Version"]),
            Input = type == HistoryEventType.ExecutionTerminated ? null : row["Input"],
            Result = row["Result"],
            Failure = DurableFunctionsFailure.Read(row),
            FireAt = Time(row["FireAt"]),
            InstanceId = Text(row["InstanceId"]),
            Status = type == HistoryEventType.ExecutionCompleted ? CompletedStatus(row["OrchestrationStatus"]) : null,
        };
    }

    private static int? TaskId(TableEntity row, HistoryEventType type)
    {
        var column = type switch
        {
            HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated
                or HistoryEventType.SubOrchestrationInstanceCreated or HistoryEventType.EventSent => "EventId",
            HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed
                or HistoryEventType.SubOrchestrationInstanceCompleted
                or HistoryEventType.SubOrchestrationInstanceFailed => "TaskScheduledId",
            HistoryEventType.TimerFired => "TimerId",
            _ => null,
        };
        return column is not null && row[column] is { } value
            ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : null;
    }

    private static StoredStatus? CompletedStatus(string? status) => status switch
    {
        "Completed" => StoredStatus.Completed,
        "Failed" => StoredStatus.Failed,
        "Terminated" => StoredStatus.Terminated,
        _ => null,
    };

    private static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static DateTimeOffset? Time(string? value) => value is null
        ? null
        : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
