using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Serverless.Durable.History;

namespace Serverless.Durable.Client;

/// <summary>The state of an orchestration instance as a client sees it.</summary>
public sealed record OrchestrationMetadata(string InstanceId, string Name, OrchestrationStatus RuntimeStatus)
{
    /// <summary>When the instance was started.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the instance last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The JSON input of the current execution.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The JSON output, once completed (or the reason, once terminated).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The custom status the orchestrator last set.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Why the instance failed, if it did.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The current execution's history, when requested.</summary>
    public IReadOnlyList<HistoryEvent>? History { get; init; }

    /// <summary>Whether the instance has finished.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>Reads the output with the orchestrator's output contract.</summary>
    public T? ReadOutputAs<T>(JsonTypeInfo<T> output) => SerializedOutput is null ? default : JsonSerializer.Deserialize(SerializedOutput, output);

    /// <summary>Reads the input with the orchestrator's input contract.</summary>
    public T? ReadInputAs<T>(JsonTypeInfo<T> input) => SerializedInput is null ? default : JsonSerializer.Deserialize(SerializedInput, input);
}
