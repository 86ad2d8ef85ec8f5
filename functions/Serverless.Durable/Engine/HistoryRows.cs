using System.Text.Json;
using Serverless.Durable.History;
using Serverless.Durable.Serialization;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// An execution's history as stored: one row per episode (<see cref="RowKeys.History"/>), its events in order.
/// </summary>
internal static class HistoryRows
{
    public const string EventsProperty = "Events";

    /// <summary>
    /// The events of <paramref name="executionId"/> among an instance partition's <paramref name="rows"/>, in order.
    /// </summary>
    public static List<StoredHistoryEvent> Read(IEnumerable<TableEntity> rows, string executionId) =>
        rows.Where(r => r.RowKey.StartsWith(RowKeys.HistoryOf(executionId), StringComparison.Ordinal))
            .SelectMany(Events)
            .ToList();

    /// <summary>The events one history row holds.</summary>
    public static List<StoredHistoryEvent> Events(TableEntity row) =>
        JsonSerializer.Deserialize(row[EventsProperty]!, DurableJsonContext.Stored.ListStoredHistoryEvent)!;
}
