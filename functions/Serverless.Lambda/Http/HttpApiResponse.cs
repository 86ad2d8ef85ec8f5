namespace Serverless.Lambda.Http;

/// <summary>
/// The answer to an <see cref="HttpApiRequest"/> in payload format 2.0: status, headers (a repeated header as one
/// comma-separated value), cookies (each a <c>Set-Cookie</c> value) and the body, base64 when it is not text.
/// </summary>
public sealed class HttpApiResponse
{
    /// <summary>The status code.</summary>
    public int StatusCode { get; init; }

    /// <summary>The headers but <c>Set-Cookie</c>.</summary>
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>Set-Cookie</c> values.</summary>
    public List<string> Cookies { get; init; } = [];

    /// <summary>The body: text, or base64 when <see cref="IsBase64Encoded"/>.</summary>
    public string Body { get; init; } = "";

    /// <summary>Whether <see cref="Body"/> is base64.</summary>
    public bool IsBase64Encoded { get; init; }
}
