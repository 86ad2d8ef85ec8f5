using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Client;

namespace Serverless.Host.Management;

/// <summary>An instance's status in the shape of the Durable Functions HTTP API.</summary>
internal sealed record InstanceStatusResponse(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonElement? Input,
    JsonElement? CustomStatus,
    JsonElement? Output,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime)
{
    public IReadOnlyList<HistoryEventResponse>? HistoryEvents { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> the engine stored at the instance's start (not a Durable Functions field).
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The trace id of <see cref="TraceParent"/>: the instance's whole trace.</summary>
    public string? TraceId { get; init; }

    /// <summary>The response for <paramref name="traced"/>, with its trace where known.</summary>
    public static InstanceStatusResponse From(
        TracedInstance traced,
        IReadOnlyList<HistoryEventResponse>? history = null) =>
        From(traced.Metadata, history) with { TraceParent = traced.TraceParent, TraceId = traced.TraceId };

    private static InstanceStatusResponse From(
        OrchestrationMetadata metadata,
        IReadOnlyList<HistoryEventResponse>? history = null) =>
        new(
        metadata.Name,
        metadata.InstanceId,
        metadata.RuntimeStatus.ToString(),
        Json.Parse(metadata.SerializedInput),
        Json.Parse(metadata.SerializedCustomStatus),
        metadata.FailureDetails is { } failure
            ? JsonSerializer.SerializeToElement(
                FailureResponse.From(failure),
                ManagementJsonContext.Default.FailureResponse)
            : Json.Parse(metadata.SerializedOutput),
        metadata.CreatedAt,
        metadata.LastUpdatedAt)
    {
        HistoryEvents = history,
    };
}
