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
    /// The W3C <c>traceparent</c> of the sender (the activity run, the raise): the episode that applies the message
    /// links to it. Absent on rows written before.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The W3C <c>tracestate</c> that goes with <see cref="TraceParent"/>.</summary>
    public string? TraceState { get; init; }

    /// <summary>This row with the context of <paramref name="sender"/>, if any.</summary>
    public InboxRow SentBy(StoredTrace? sender) =>
        sender is null ? this : this with { TraceParent = sender.TraceParent, TraceState = sender.TraceState };

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

    public TableEntity ToEntity()
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ExecutionId"] = ExecutionId,
            [ReadyAtProperty] = Timestamps.Format(ReadyAt),
            ["Event"] = JsonSerializer.Serialize(Event, DurableJsonContext.Stored.StoredHistoryEvent),
        };
        if (TraceParent is not null)
        {
            properties["TraceParent"] = TraceParent;
        }

        if (TraceState is not null)
        {
            properties["TraceState"] = TraceState;
        }

        return new TableEntity(InstanceId, RowKey) { Properties = properties };
    }

    public static InboxRow FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        entity["ExecutionId"]!,
        JsonSerializer.Deserialize(entity["Event"]!, DurableJsonContext.Stored.StoredHistoryEvent)!,
        Timestamps.Parse(entity[ReadyAtProperty]!))
    {
        ETag = entity.ETag,
        TraceParent = entity["TraceParent"],
        TraceState = entity["TraceState"],
    };
}
