using System.Text.Json.Serialization;
using Serverless.Durable.Engine;
using Serverless.Durable.History;

namespace Serverless.Durable.Serialization;

/// <summary>The source-generated JSON contracts of everything the engine stores or sends.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(StoredHistoryEvent))]
[JsonSerializable(typeof(List<StoredHistoryEvent>))]
[JsonSerializable(typeof(StoredFailure))]
[JsonSerializable(typeof(ActivityWorkItem))]
[JsonSerializable(typeof(List<OutboxMessage>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
internal sealed partial class DurableJsonContext : JsonSerializerContext;
