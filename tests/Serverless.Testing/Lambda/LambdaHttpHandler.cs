using System.Net;
using Serverless.LambdaRuntime;

namespace Serverless.Testing.Lambda;

/// <summary>
/// Sends an <see cref="HttpClient"/>'s requests as API Gateway would to a function in Lambda mode: each becomes an HTTP
/// API event (payload 2.0) invoked through a <see cref="LambdaRuntimeEmulator"/>, and the function's answer becomes the
/// response. An invocation that fails (the function's error, a timeout) throws <see cref="HttpRequestException"/>, as
/// API Gateway would answer 5xx.
/// </summary>
public sealed class LambdaHttpHandler(LambdaRuntimeEmulator runtime, TimeSpan? invocationTimeout = null)
    : HttpMessageHandler
{
    private readonly TimeSpan _timeout = invocationTimeout ?? TimeSpan.FromSeconds(30);

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.Headers
            .Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Select(h => KeyValuePair.Create(h.Key, string.Join(",", h.Value)))
            .Append(KeyValuePair.Create("host", request.RequestUri!.Authority))
            .ToList();
        var pathAndQuery = request.RequestUri!.PathAndQuery;
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var payload = body is null
            ? HttpApiEvents.Request(request.Method, pathAndQuery, headers)
            : HttpApiEvents.BinaryRequest(request.Method, pathAndQuery, headers, body);

        var result = await runtime.InvokeAsync(payload, _timeout, cancellationToken);
        if (result.IsError)
        {
            throw new HttpRequestException(
                $"{request.Method} {pathAndQuery}: the invocation failed ({result.ErrorType}): {result.Body}");
        }

        var answer = HttpApiEvents.ReadResponse(result.Body);
        var response = new HttpResponseMessage((HttpStatusCode)answer.StatusCode)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(answer.Body),
        };
        foreach (var (name, value) in answer.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        foreach (var cookie in answer.Cookies)
        {
            response.Headers.TryAddWithoutValidation("Set-Cookie", cookie);
        }

        response.Content.Headers.ContentLength ??= answer.Body.Length;
        return response;
    }
}
