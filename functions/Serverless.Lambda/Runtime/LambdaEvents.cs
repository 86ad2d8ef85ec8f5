using System.Text.Json;

namespace Serverless.Lambda.Runtime;

/// <summary>Tells the events apart by their top-level properties, without reading them whole.</summary>
public static class LambdaEvents
{
    /// <summary>
    /// <see cref="LambdaEventKind.SqsBatch"/> for an object with <c>Records</c>,
    /// <see cref="LambdaEventKind.HttpApi"/> for one with <c>requestContext</c> and <c>version</c> 2.0,
    /// <see cref="LambdaEventKind.Timer"/> for one with <c>timer</c>; otherwise (not JSON, not an object, an HTTP API
    /// payload 1.0) <see cref="LambdaEventKind.Unknown"/>.
    /// </summary>
    public static LambdaEventKind Classify(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return LambdaEventKind.Unknown;
            }

            var (records, context, version2, timer) = (false, false, false, false);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                records |= name.SequenceEqual("Records"u8);
                context |= name.SequenceEqual("requestContext"u8);
                timer |= name.SequenceEqual("timer"u8);
                var isVersion = name.SequenceEqual("version"u8);
                reader.Read();
                version2 |= isVersion && reader.TokenType == JsonTokenType.String
                    && reader.ValueSpan.SequenceEqual("2.0"u8);
                reader.Skip();
            }

            return records ? LambdaEventKind.SqsBatch
                : context && version2 ? LambdaEventKind.HttpApi
                : timer ? LambdaEventKind.Timer
                : LambdaEventKind.Unknown;
        }
        catch (JsonException)
        {
            return LambdaEventKind.Unknown;
        }
    }
}
