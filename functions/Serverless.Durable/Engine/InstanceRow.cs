using System.Globalization;
using System.Text.Json;
using Serverless.Durable.Serialization;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// The instance row: an orchestration's state outside its history. Its ETag is the instance's concurrency token.
/// </summary>
internal sealed record InstanceRow(string InstanceId, string Name, string ExecutionId, StoredStatus Status)
{
    public string? Input { get; init; }

    /// <summary>The orchestration version the execution was started with (empty: unversioned).</summary>
    public string? Version { get; init; }

    public string? Output { get; init; }
    public StoredFailure? Failure { get; init; }
    public string? CustomStatus { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUpdatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The sequence of the last history row of this execution (0: none yet).</summary>
    public int HistorySequence { get; init; }

    /// <summary>
    /// When the instance next needs an episode; absent when it waits for nothing it knows of. The sweep wakes instances
    /// past it.
    /// </summary>
    public DateTimeOffset? NextWakeAt { get; init; }

    public ParentInstance? Parent { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the instance's start (<c>create_orchestration</c>): every episode is its child.
    /// Absent on instances started before traces were stored; their next episode stores its own.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The W3C <c>tracestate</c> that goes with <see cref="TraceParent"/>.</summary>
    public string? TraceState { get; init; }

    /// <summary>The stored context of the instance's start, if any.</summary>
    public StoredTrace? Trace => TraceParent is null ? null : new StoredTrace(TraceParent, TraceState);

    public string? ETag { get; init; }

    public TableEntity ToEntity()
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Name"] = Name,
            ["ExecutionId"] = ExecutionId,
            ["Status"] = Status.ToString(),
            ["CreatedAt"] = Timestamps.Format(CreatedAt),
            ["LastUpdatedAt"] = Timestamps.Format(LastUpdatedAt),
            ["HistorySequence"] = HistorySequence.ToString(CultureInfo.InvariantCulture),
        };
        Set(properties, "Input", Input);
        Set(properties, "Version", string.IsNullOrEmpty(Version) ? null : Version);
        Set(properties, "Output", Output);
        Set(
            properties,
            "Failure",
            Failure is null ? null : JsonSerializer.Serialize(Failure, DurableJsonContext.Stored.StoredFailure));
        Set(properties, "CustomStatus", CustomStatus);
        Set(properties, "CompletedAt", CompletedAt is { } completed ? Timestamps.Format(completed) : null);
        Set(properties, "NextWakeAt", NextWakeAt is { } wake ? Timestamps.Format(wake) : null);
        Set(properties, "ParentInstanceId", Parent?.InstanceId);
        Set(properties, "ParentExecutionId", Parent?.ExecutionId);
        Set(properties, "ParentTaskId", Parent?.TaskId.ToString(CultureInfo.InvariantCulture));
        Set(properties, "ParentName", Parent?.Name);
        Set(properties, "TraceParent", TraceParent);
        Set(properties, "TraceState", TraceState);
        return new TableEntity(InstanceId, RowKeys.Instance) { Properties = properties };
    }

    public static InstanceRow FromEntity(TableEntity entity)
    {
        var failure = entity["Failure"];
        var parentId = entity["ParentInstanceId"];
        return new InstanceRow(
            entity.PartitionKey,
            entity["Name"]!,
            entity["ExecutionId"]!,
            Enum.Parse<StoredStatus>(entity["Status"]!))
        {
            Input = entity["Input"],
            Version = entity["Version"],
            Output = entity["Output"],
            Failure = failure is null
                ? null
                : JsonSerializer.Deserialize(failure, DurableJsonContext.Stored.StoredFailure),
            CustomStatus = entity["CustomStatus"],
            CreatedAt = Timestamps.Parse(entity["CreatedAt"]!),
            LastUpdatedAt = Timestamps.Parse(entity["LastUpdatedAt"]!),
            CompletedAt = Timestamps.ParseOptional(entity["CompletedAt"]),
            HistorySequence = int.Parse(entity["HistorySequence"]!, CultureInfo.InvariantCulture),
            NextWakeAt = Timestamps.ParseOptional(entity["NextWakeAt"]),
            Parent = parentId is null
                ? null
                : new ParentInstance(
                    parentId,
                    entity["ParentExecutionId"]!,
                    int.Parse(entity["ParentTaskId"]!, CultureInfo.InvariantCulture),
                    entity["ParentName"]),
            TraceParent = entity["TraceParent"],
            TraceState = entity["TraceState"],
            ETag = entity.ETag,
        };
    }

    private static void Set(Dictionary<string, string> properties, string name, string? value)
    {
        if (value is not null)
        {
            properties[name] = value;
        }
    }
}
