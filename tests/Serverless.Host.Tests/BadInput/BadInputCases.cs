using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Serverless.Host.Tests.BadInput;

/// <summary>
/// The bad-input table: every malformed request a user was seen to send (issue 19), by route, each with the answer it
/// must get. The rows are in <c>BadInputCases.Orders.cs</c> (placing orders), <c>BadInputCases.Routes.cs</c> (the
/// other <c>/api</c> routes) and <c>BadInputCases.Management.cs</c> (instance management and poison queues).
/// </summary>
public static partial class BadInputCases
{
    private static readonly Lazy<Dictionary<string, Func<BadInputTarget, MalformedRequest>>> Table = new(() =>
        OrderCases().Concat(RouteCases()).Concat(ManagementCases()).ToDictionary(c => c.Key, c => c.Value));

    /// <summary>The rows' names, as the theory's cases.</summary>
    public static IEnumerable<string> Names => Table.Value.Keys;

    /// <summary>The request of row <paramref name="name"/>, aimed at <paramref name="target"/>.</summary>
    public static MalformedRequest For(string name, BadInputTarget target) => Table.Value[name](target);

    private static MalformedRequest Refused(string field, HttpMethod method, string path, HttpContent? body = null) =>
        new(HttpStatusCode.BadRequest, field, method, path, body);

    private static MalformedRequest Answered(
        HttpStatusCode status,
        HttpMethod method,
        string path,
        HttpContent? body = null) =>
        new(status, null, method, path, body);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>
    /// UTF-8 bytes sent as <paramref name="mediaType"/> (no Content-Type when null) with <paramref name="charset"/>.
    /// </summary>
    private static ByteArrayContent Bytes(string text, string? mediaType, string? charset = null)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        if (mediaType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = charset };
        }

        return content;
    }

    /// <summary>A JSON object of 70 KiB, over the 64 KiB limit, that begins with <paramref name="first"/>.</summary>
    private static string Oversize(string first) => "{" + first + $$""","note":"{{new string('x', 70 * 1024)}}"}""";
}
