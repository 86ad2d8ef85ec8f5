using System.Text.Json;

namespace Serverless.Host.Tests.Support;

/// <summary>The JSON settings of the HTTP contract (camelCase, case-insensitive reading).</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"'{json}' is null, expected a {typeof(T).Name}.");
}
