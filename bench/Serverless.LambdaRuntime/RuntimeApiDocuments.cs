using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.LambdaRuntime;

/// <summary>The small JSON documents and identifiers the Runtime API exchanges besides the events themselves.</summary>
internal static class RuntimeApiDocuments
{
    public const string Accepted = """{"status":"OK"}""";

    public static string Error(string errorMessage, string errorType) =>
        new JsonObject { ["errorMessage"] = errorMessage, ["errorType"] = errorType }.ToJsonString();

    /// <summary>The <c>errorType</c> of a posted error document, if it is one that names it.</summary>
    public static string? ErrorTypeOf(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject error
                && error["errorType"] is JsonValue type
                && type.TryGetValue(out string? name)
                && name.Length > 0
                    ? name
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An X-Ray trace header of the documented shape: a root id of epoch seconds and 96 random bits.</summary>
    public static string NewTraceId(DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture);
        var root = RandomNumberGenerator.GetHexString(24, lowercase: true);
        var parent = RandomNumberGenerator.GetHexString(16, lowercase: true);
        return $"Root=1-{seconds}-{root};Parent={parent};Sampled=0";
    }
}
