using System.Text.Json;
using Serverless.Durable.History;
using Serverless.Durable.Serialization;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// A message waiting in an instance's inbox: the history event it will become, for which execution, and from when it
/// may be applied (timers wait in the inbox until they are due).
/// </summary>
internal sealed record InboxRow(string InstanceId, string RowKey, string ExecutionId, HistoryEvent Event, DateTimeOffset ReadyAt)
{
    public string? ETag { get; init; }

    public TableEntity ToEntity() => new(InstanceId, RowKey)
    {
        Properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ExecutionId"] = ExecutionId,
            ["ReadyAt"] = Timestamps.Format(ReadyAt),
            ["Event"] = JsonSerializer.Serialize(Event, DurableJsonContext.Default.HistoryEvent),
        },
    };

    public static InboxRow FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        entity["ExecutionId"]!,
        JsonSerializer.Deserialize(entity["Event"]!, DurableJsonContext.Default.HistoryEvent)!,
        Timestamps.Parse(entity["ReadyAt"]!))
    {
        ETag = entity.ETag,
    };
}
