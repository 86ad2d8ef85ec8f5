using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Serverless.Functions.Tests.Support;

/// <summary>What a function answered once its result ran against the request's HttpContext.</summary>
public sealed record Answer(int Status, string? ContentType, string? Location, JsonElement Body)
{
    public static async Task<Answer> OfAsync(HttpContext context, IResult result)
    {
        await result.ExecuteAsync(context);
        var body = (MemoryStream)context.Response.Body;
        var text = System.Text.Encoding.UTF8.GetString(body.ToArray());
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new Answer(
            context.Response.StatusCode,
            context.Response.ContentType,
            context.Response.Headers.Location.ToString(),
            json);
    }

    /// <summary>The body without the per-request <c>traceId</c>, for comparing answers across hosts.</summary>
    public string Comparable() =>
        Body.ValueKind != JsonValueKind.Object
            ? Body.GetRawText()
            : JsonSerializer.Serialize(Body.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(
                p => p.Name,
                p => p.Value));
}
