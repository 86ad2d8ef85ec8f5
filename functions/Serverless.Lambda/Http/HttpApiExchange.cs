using System.Net;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Serverless.Lambda.Http;

/// <summary>
/// Runs one <see cref="HttpApiRequest"/> through an ASP.NET Core application in process and returns its
/// <see cref="HttpApiResponse"/>, as a server would over a connection.
/// </summary>
internal static class HttpApiExchange
{
    public static async Task<HttpApiResponse> RunAsync<TContext>(
        IHttpApplication<TContext> application,
        HttpApiRequest request,
        CancellationToken requestAborted)
        where TContext : notnull
    {
        using var response = new BufferedResponse();
        var features = Features(request, response, requestAborted);
        var context = application.CreateContext(features);
        Exception? failure = null;
        try
        {
            await application.ProcessRequestAsync(context).ConfigureAwait(false);
            await response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        var head = HttpMethods.IsHead(request.RequestContext?.Http?.Method ?? "");
        var answer = failure is null ? Answer(response, head) : response.HasStarted ? null : ServerError();
        await response.FireCompletedAsync().ConfigureAwait(false);
        application.DisposeContext(context, failure);
        if (answer is null)
        {
            // Kestrel would cut the connection of a response that failed after it started; a Lambda response is whole
            // or none, so the invocation fails and API Gateway answers 500.
            ExceptionDispatchInfo.Throw(failure!);
        }

        return answer;
    }

    private static FeatureCollection Features(
        HttpApiRequest request,
        BufferedResponse response,
        CancellationToken requestAborted)
    {
        var line = request.RequestContext?.Http;
        var requestId = request.RequestContext?.RequestId ?? Guid.NewGuid().ToString("N");
        var headers = RequestHeaders(request);
        var body = Body(request);
        if (body.Length > 0 && !headers.ContainsKey(HeaderNames.ContentLength))
        {
            headers.ContentLength = body.Length;
        }

        var (pathBase, path) = SplitStage(request.RawPath ?? "/", request.RequestContext?.Stage);
        var query = string.IsNullOrEmpty(request.RawQueryString) ? "" : "?" + request.RawQueryString;
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = line?.Protocol ?? "HTTP/1.1",
            Scheme = headers.TryGetValue("x-forwarded-proto", out var scheme) ? scheme.ToString() : "https",
            Method = line?.Method ?? HttpMethods.Get,
            PathBase = pathBase.Value ?? "",
            Path = path.Value ?? "/",
            QueryString = query,
            RawTarget = (request.RawPath ?? "/") + query,
            Headers = headers,
            Body = new MemoryStream(body, writable: false),
        });
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = requestId,
            RemoteIpAddress = IPAddress.TryParse(line?.SourceIp, out var address) ? address : null,
        });
        features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature { TraceIdentifier = requestId });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = requestAborted });
        features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(body.Length > 0));
        return features;
    }

    private static HeaderDictionary RequestHeaders(HttpApiRequest request)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            headers[name] = value;
        }

        if (request.Cookies is { Count: > 0 } cookies)
        {
            headers[HeaderNames.Cookie] = string.Join("; ", cookies);
        }

        return headers;
    }

    private static byte[] Body(HttpApiRequest request) =>
        request.Body is not { Length: > 0 } body ? []
        : request.IsBase64Encoded ? Convert.FromBase64String(body)
        : Encoding.UTF8.GetBytes(body);

    // On a named stage API Gateway keeps the stage in the raw path: it becomes the path base, as behind a proxy.
    private static (PathString PathBase, PathString Path) SplitStage(string rawPath, string? stage)
    {
        var path = PathString.FromUriComponent(rawPath.Length == 0 ? "/" : rawPath);
        if (stage is null or "$default"
            || !path.StartsWithSegments("/" + stage, StringComparison.Ordinal, out var remaining))
        {
            return (PathString.Empty, path);
        }

        return ("/" + stage, remaining.HasValue ? remaining : "/");
    }

    private static HttpApiResponse Answer(BufferedResponse response, bool head)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var cookies = new List<string>();
        foreach (var (name, values) in response.Headers)
        {
            if (string.Equals(name, HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
            {
                cookies.AddRange(values.OfType<string>());
            }
            else if (!string.Equals(name, HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = Join(values);
            }
        }

        var content = head ? [] : response.Content;
        var text = content.Length == 0 || IsText(response.Headers.ContentType);
        return new HttpApiResponse
        {
            StatusCode = response.StatusCode,
            Headers = headers,
            Cookies = cookies,
            Body = text ? Encoding.UTF8.GetString(content) : Convert.ToBase64String(content),
            IsBase64Encoded = !text,
        };
    }

    private static string Join(StringValues values) => values.ToString();

    private static bool IsText(StringValues contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType.ToString(), out var type))
        {
            return false;
        }

        var media = type.MediaType;
        return media.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/javascript", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
    }

    private static HttpApiResponse ServerError() => new()
    {
        StatusCode = StatusCodes.Status500InternalServerError,
    };

    // What minimal APIs consult before binding a body parameter.
    private sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody { get; } = canHaveBody;
    }
}
