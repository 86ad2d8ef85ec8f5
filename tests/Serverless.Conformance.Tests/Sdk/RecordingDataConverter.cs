using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Serverless.Conformance.Tests.Sdk;

/// <summary>
/// The SDK's default JSON converter, noting every value it is asked to serialize and every string it reads.
/// </summary>
internal sealed class RecordingDataConverter : DataConverter
{
    public ConcurrentQueue<object?> Serialized { get; } = new();

    public ConcurrentQueue<(string? Data, Type TargetType)> Deserialized { get; } = new();

    public override string? Serialize(object? value)
    {
        Serialized.Enqueue(value);
        return JsonDataConverter.Default.Serialize(value);
    }

    public override object? Deserialize(string? data, Type targetType)
    {
        Deserialized.Enqueue((data, targetType));
        return JsonDataConverter.Default.Deserialize(data, targetType);
    }
}
