using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Serverless.Http;

/// <summary>
/// The contract of a request body read strictly: property names as written (camelCase, no other casing), numbers as
/// JSON numbers (never strings), no property twice, no property the type does not have. Whatever a lenient reader
/// would quietly reinterpret or drop is refused instead, so bad input changes nothing. Stored values and payloads keep
/// their own, lenient contracts: only what arrives over HTTP is read this way.
/// </summary>
internal static class StrictJson
{
    private static readonly ConcurrentDictionary<JsonTypeInfo, JsonTypeInfo> Strict = new();

    /// <summary>
    /// The strict counterpart of <paramref name="typeInfo"/>, from the same source-generated resolver.
    /// </summary>
    public static JsonTypeInfo<T> For<T>(JsonTypeInfo<T> typeInfo) =>
        (JsonTypeInfo<T>)Strict.GetOrAdd(typeInfo, static lenient =>
        {
            var options = new JsonSerializerOptions(lenient.Options)
            {
                PropertyNameCaseInsensitive = false,
                NumberHandling = JsonNumberHandling.Strict,
                UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
                AllowDuplicateProperties = false,
            };
            return options.GetTypeInfo(lenient.Type);
        });
}
