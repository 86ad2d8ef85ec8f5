using System.Text.Json;

namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>An orchestration instance as the Durable Functions management routes return it.</summary>
public sealed record InstanceStatusDto(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonElement? Input,
    JsonElement? Output,
    IReadOnlyList<HistoryEventDto>? HistoryEvents,
    JsonElement? CustomStatus = null,
    string? TraceParent = null,
    string? TraceId = null);
