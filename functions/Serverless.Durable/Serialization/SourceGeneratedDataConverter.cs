using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.DurableTask;

namespace Serverless.Durable.Serialization;

/// <summary>
/// The Durable Task SDK's <see cref="DataConverter"/> over System.Text.Json source-generated contracts: no reflection,
/// so payloads serialize under Native AOT. Each payload type is looked up in the given contexts, in order, and keeps
/// its own context's options (naming, enums as strings); strings, numbers, booleans and <see cref="JsonElement"/> are
/// built in.
/// </summary>
public sealed class SourceGeneratedDataConverter : DataConverter
{
    private readonly IReadOnlyList<JsonSerializerContext> _contexts;
    private readonly ConcurrentDictionary<Type, JsonTypeInfo> _contracts = new();

    /// <summary>Creates a converter over <paramref name="contexts"/>.</summary>
    public SourceGeneratedDataConverter(params IEnumerable<JsonSerializerContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = [.. contexts, PayloadJsonContext.Default];
    }

    /// <inheritdoc />
    public override string? Serialize(object? value) => value switch
    {
        null => null,

        // The SDK's Durable Task Framework shim hands inputs over as an argument array; each element keeps its own
        // contract.
        object[] arguments => SerializeArguments(arguments),
        _ => JsonSerializer.Serialize(value, Contract(value.GetType())),
    };

    /// <inheritdoc />
    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        return data is null ? null : JsonSerializer.Deserialize(data, Contract(targetType));
    }

    private string SerializeArguments(object?[] arguments)
    {
        var json = new StringBuilder("[");
        foreach (var argument in arguments)
        {
            json.Append(json.Length > 1 ? "," : string.Empty).Append(Serialize(argument) ?? "null");
        }

        return json.Append(']').ToString();
    }

    private JsonTypeInfo Contract(Type type) => _contracts.GetOrAdd(type, static (type, contexts) =>
    {
        if (type == typeof(object))
        {
            // What an untyped result reads as (the SDK's non-generic calls ask for object): the JSON itself.
            return PayloadJsonContext.Default.JsonElement;
        }

        foreach (var context in contexts)
        {
            if (context.GetTypeInfo(type) is { } contract)
            {
                return contract;
            }
        }

        throw new NotSupportedException(
            $"No JSON contract for '{type.FullName}'. Add [JsonSerializable(typeof({type.Name}))] to a " +
                $"JsonSerializerContext " +
            "and register the context with DurableTaskOptions.PayloadContexts (payloads are serialized without " +
                "reflection).");
    }, _contexts);
}
