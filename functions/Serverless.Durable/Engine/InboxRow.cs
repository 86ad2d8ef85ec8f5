using System.Text.Json;
using Serverless.Durable.History;
using Serverless.Durable.Serialization;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// A message waiting in an instance's inbox: the history event it will become, for which execution, and from when it
/// may be applied (timers wait in the inbox until they are due).
/// </summary>
internal sealed record InboxRow(
    string InstanceId,
    string RowKey,
    string ExecutionId,
    StoredHistoryEvent Event,
    DateTimeOffset ReadyAt)
{
    /// <summary>
    /// The property holding when a row's work is due; the sweep wakes partitions whose due rows outstay the grace.
    /// </summary>
    public const string ReadyAtProperty = "ReadyAt";

    public string? ETag { get; init; }

    /// <summary>
    /// Whether the message is for the execution <paramref name="executionId"/>. Task, timer and sub-orchestration
    /// outcomes belong to the execution that scheduled them; raised events, terminations, suspends and resumes are
    /// addressed to the instance, so they go to whichever execution is current (the sender may have read the id just
    /// before a continue-as-new).
    /// </summary>
    public bool IsFor(string executionId) =>
        Event.Type is HistoryEventType.EventRaised
            or HistoryEventType.ExecutionTerminated
            or HistoryEventType.ExecutionSuspended
            or HistoryEventType.ExecutionResumed
        || ExecutionId == executionId;

    /// <summary>
    /// Whether this is a suspend, resume or terminate request: what still applies to a suspended instance.
    /// </summary>
    public bool IsControl =>
        Event.Type is HistoryEventType.ExecutionTerminated
            or HistoryEventType.ExecutionSuspended
            or HistoryEventType.ExecutionResumed;

    public TableEntity ToEntity() => new(InstanceId, RowKey)
    {
        Properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ExecutionId"] = ExecutionId,
            [ReadyAtProperty] = Timestamps.Format(ReadyAt),
            ["Event"] = JsonSerializer.Serialize(Event, DurableJsonContext.Stored.StoredHistoryEvent),
        },
    };

    public static InboxRow FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        entity["ExecutionId"]!,
        JsonSerializer.Deserialize(entity["Event"]!, DurableJsonContext.Stored.StoredHistoryEvent)!,
        Timestamps.Parse(entity[ReadyAtProperty]!))
    {
        ETag = entity.ETag,
    };
}
