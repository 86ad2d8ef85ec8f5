using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Testing.Lambda;

/// <summary>
/// The events API Gateway gives a function behind an HTTP API (payload format 2.0, the <c>$default</c> route and
/// stage), and the reading of its response, as AWS documents both.
/// </summary>
/// <remarks>
/// Header names are lower-cased and repeated headers joined with commas; the <c>cookie</c> header becomes the
/// <c>cookies</c> field, one entry per cookie; repeated query parameters are joined with commas.
/// </remarks>
public static class HttpApiEvents
{
    /// <summary>The API id in the request context and its domain name.</summary>
    public const string ApiId = "serverless";

    private const string Region = "us-east-1";
    private const string AccountId = "000000000000";

    /// <summary>An event for a request with a text body, or none.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">The path, with its query string if any (<c>/api/orders?status=open</c>).</param>
    /// <param name="headers">The request headers.</param>
    /// <param name="body">The body, or <see langword="null"/> for none.</param>
    /// <param name="time">When the request arrived; now when <see langword="null"/>.</param>
    public static string Request(
        HttpMethod method,
        string pathAndQuery,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        string? body = null,
        DateTimeOffset? time = null) =>
        Build(method, pathAndQuery, headers, body, isBase64Encoded: false, time ?? DateTimeOffset.UtcNow);

    /// <summary>An event for a request with a binary body, which the event carries as base64.</summary>
    public static string BinaryRequest(
        HttpMethod method,
        string pathAndQuery,
        IEnumerable<KeyValuePair<string, string>>? headers,
        ReadOnlySpan<byte> body,
        DateTimeOffset? time = null) =>
        Build(
            method,
            pathAndQuery,
            headers,
            Convert.ToBase64String(body),
            isBase64Encoded: true,
            time ?? DateTimeOffset.UtcNow);

    /// <summary>
    /// Reads a function's response as API Gateway does: an object with a <c>statusCode</c> is the response; any other
    /// JSON is the body of a 200 with <c>content-type: application/json</c>.
    /// </summary>
    /// <exception cref="FormatException">The response is not JSON.</exception>
    public static HttpApiResponse ReadResponse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The function's response is not JSON: {json}", e);
        }

        if (node is not JsonObject response || !response.ContainsKey("statusCode"))
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["content-type"] = "application/json",
            };
            return new HttpApiResponse(200, headers, [], Encoding.UTF8.GetBytes(json), IsBase64Encoded: false);
        }

        var isBase64Encoded = response["isBase64Encoded"]?.GetValue<bool>() ?? false;
        var body = response["body"]?.GetValue<string>() ?? string.Empty;
        return new HttpApiResponse(
            StatusCode(response["statusCode"]!),
            (response["headers"] as JsonObject ?? [])
                .ToDictionary(h => h.Key, h => h.Value?.ToString() ?? string.Empty, StringComparer.OrdinalIgnoreCase),
            [.. (response["cookies"] as JsonArray ?? []).Select(cookie => cookie!.GetValue<string>())],
            isBase64Encoded ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body),
            isBase64Encoded);
    }

    private static string Build(
        HttpMethod method,
        string pathAndQuery,
        IEnumerable<KeyValuePair<string, string>>? headers,
        string? body,
        bool isBase64Encoded,
        DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(pathAndQuery);
        var queryStart = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? pathAndQuery : pathAndQuery[..queryStart];
        var rawQueryString = queryStart < 0 ? string.Empty : pathAndQuery[(queryStart + 1)..];
        var (headerFields, cookies) = Headers(headers ?? []);
        var request = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = rawPath,
            ["rawQueryString"] = rawQueryString,
        };
        if (cookies.Count > 0)
        {
            request["cookies"] = cookies;
        }

        request["headers"] = headerFields;
        if (rawQueryString.Length > 0)
        {
            request["queryStringParameters"] = QueryParameters(rawQueryString);
        }

        request["requestContext"] = RequestContext(method, rawPath, headerFields, time);
        if (body is not null)
        {
            request["body"] = body;
        }

        request["isBase64Encoded"] = isBase64Encoded;
        return request.ToJsonString();
    }

    private static JsonObject RequestContext(HttpMethod method, string path, JsonObject headers, DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new JsonObject
        {
            ["accountId"] = AccountId,
            ["apiId"] = ApiId,
            ["domainName"] = $"{ApiId}.execute-api.{Region}.amazonaws.com",
            ["domainPrefix"] = ApiId,
            ["http"] = new JsonObject
            {
                ["method"] = method.Method.ToUpperInvariant(),
                ["path"] = path,
                ["protocol"] = "HTTP/1.1",
                ["sourceIp"] = "127.0.0.1",
                ["userAgent"] = headers["user-agent"]?.GetValue<string>() ?? string.Empty,
            },
            ["requestId"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(10)),
            ["routeKey"] = "$default",
            ["stage"] = "$default",
            ["time"] = utc.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
            ["timeEpoch"] = utc.ToUnixTimeMilliseconds(),
        };
    }

    private static (JsonObject Headers, JsonArray Cookies) Headers(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var fields = new JsonObject();
        var cookies = new JsonArray();
        foreach (var group in headers.GroupBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal))
        {
            if (group.Key == "cookie")
            {
                foreach (var cookie in group.SelectMany(h => h.Value.Split(';', StringSplitOptions.TrimEntries)))
                {
                    if (cookie.Length > 0)
                    {
                        cookies.Add(cookie);
                    }
                }

                continue;
            }

            fields[group.Key] = string.Join(',', group.Select(h => h.Value));
        }

        return (fields, cookies);
    }

    private static JsonObject QueryParameters(string rawQueryString)
    {
        var parameters = rawQueryString
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(pair => Uri.UnescapeDataString(pair[0]), StringComparer.Ordinal);
        var query = new JsonObject();
        foreach (var parameter in parameters)
        {
            query[parameter.Key] = string.Join(
                ',',
                parameter.Select(pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : string.Empty));
        }

        return query;
    }

    private static int StatusCode(JsonNode statusCode) =>
        statusCode.GetValueKind() == JsonValueKind.String
            ? int.Parse(statusCode.GetValue<string>(), CultureInfo.InvariantCulture)
            : statusCode.GetValue<int>();
}
