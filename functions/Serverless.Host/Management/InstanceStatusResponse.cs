using System.Text.Json;
using Serverless.Durable.Client;
using Serverless.Durable.History;

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
    public IReadOnlyList<HistoryEvent>? HistoryEvents { get; init; }

    public static InstanceStatusResponse From(OrchestrationMetadata metadata) => new(
        metadata.Name,
        metadata.InstanceId,
        metadata.RuntimeStatus.ToString(),
        Parse(metadata.SerializedInput),
        metadata.CustomStatus is null ? null : JsonSerializer.SerializeToElement(metadata.CustomStatus, ManagementJsonContext.Default.String),
        metadata.FailureDetails is { } failure
            ? JsonSerializer.SerializeToElement(failure, ManagementJsonContext.Default.TaskFailureDetails)
            : Parse(metadata.SerializedOutput),
        metadata.CreatedAt,
        metadata.LastUpdatedAt)
    {
        HistoryEvents = metadata.History,
    };

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
