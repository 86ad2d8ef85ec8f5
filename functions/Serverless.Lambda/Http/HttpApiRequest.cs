namespace Serverless.Lambda.Http;

/// <summary>
/// An API Gateway HTTP API request in payload format 2.0, which Lambda function URLs send too: what of it the host
/// reads. Header names arrive in lower case, a repeated header as one comma-separated value, cookies apart.
/// </summary>
public sealed class HttpApiRequest
{
    /// <summary>The payload format, <c>2.0</c>.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// The path as the client sent it, still percent-encoded; with the stage in front on a named stage.
    /// </summary>
    public string? RawPath { get; init; }

    /// <summary>The query string without its <c>?</c>, as the client sent it.</summary>
    public string? RawQueryString { get; init; }

    /// <summary>The request's cookies, each <c>name=value</c>.</summary>
    public IReadOnlyList<string>? Cookies { get; init; }

    /// <summary>The headers, by lower-case name.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Where the request came from and how.</summary>
    public HttpApiRequestContext? RequestContext { get; init; }

    /// <summary>The body: text, or base64 when <see cref="IsBase64Encoded"/>.</summary>
    public string? Body { get; init; }

    /// <summary>Whether <see cref="Body"/> is base64.</summary>
    public bool IsBase64Encoded { get; init; }
}
