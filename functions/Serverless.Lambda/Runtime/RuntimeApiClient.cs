using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Serverless.Lambda.Runtime;

/// <summary>
/// A client of the Lambda Runtime API (version 2018-06-01) at <c>AWS_LAMBDA_RUNTIME_API</c>: the next invocation, its
/// response or error, and an initialization error.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    /// <summary>The variable Lambda sets to the Runtime API's <c>host:port</c>.</summary>
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private readonly HttpClient _http;

    /// <summary>Creates a client of the Runtime API at <paramref name="runtimeApi"/> (<c>host:port</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="runtimeApi"/> is not a host and port.</exception>
    public RuntimeApiClient(string runtimeApi)
        : this(new HttpClient(new SocketsHttpHandler { UseProxy = false }), runtimeApi)
    {
    }

    internal RuntimeApiClient(HttpClient http, string runtimeApi)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!Uri.TryCreate($"http://{runtimeApi}/2018-06-01/runtime/", UriKind.Absolute, out var root)
            || root.AbsolutePath != "/2018-06-01/runtime/")
        {
            throw new ArgumentException(
                $"{RuntimeApiVariable} is '{runtimeApi}', which is not a host and port.",
                nameof(runtimeApi));
        }

        _http = http;
        _http.BaseAddress = root;
        // The next invocation may be long in coming: Lambda freezes the process meanwhile.
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>Waits for the next invocation.</summary>
    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync("invocation/next", cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var headers = response.Headers;
        var requestId = Header(headers, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("The Runtime API sent an invocation without a request id.");
        var deadline = long.TryParse(
            Header(headers, "Lambda-Runtime-Deadline-Ms"),
            NumberStyles.None,
            CultureInfo.InvariantCulture,
            out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : DateTimeOffset.MaxValue;
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new LambdaInvocation(
            requestId,
            deadline,
            Header(headers, "Lambda-Runtime-Invoked-Function-Arn"),
            Header(headers, "Lambda-Runtime-Trace-Id"),
            payload);
    }

    /// <summary>
    /// Posts the response of invocation <paramref name="requestId"/>; <see langword="false"/> when the Runtime API
    /// refuses it (a response over Lambda's payload limit, 413; a malformed one, 400): the invocation still awaits an
    /// error then.
    /// </summary>
    public async Task<bool> RespondAsync(string requestId, byte[] body, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(Invocation(requestId, "response"), content, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>Reports that invocation <paramref name="requestId"/> failed.</summary>
    public Task ReportErrorAsync(string requestId, InvocationError error, CancellationToken cancellationToken = default)
        => PostErrorAsync(Invocation(requestId, "error"), error, cancellationToken);

    /// <summary>Reports that the function could not start; Lambda then ends this environment.</summary>
    public Task ReportInitErrorAsync(InvocationError error, CancellationToken cancellationToken = default) =>
        PostErrorAsync("init/error", error, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task PostErrorAsync(string path, InvocationError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var content = JsonContent.Create(error, LambdaJsonContext.Default.InvocationError);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.ErrorType);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private static string Invocation(string requestId, string what) =>
        $"invocation/{Uri.EscapeDataString(requestId)}/{what}";

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
