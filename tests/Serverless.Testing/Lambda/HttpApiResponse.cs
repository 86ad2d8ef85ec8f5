using System.Text;

namespace Serverless.Testing.Lambda;

/// <summary>
/// What API Gateway (an HTTP API, payload format 2.0) makes of a function's response: the status, the headers, the
/// cookies (each a <c>set-cookie</c> header) and the body, decoded from base64 when the function said it was.
/// </summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Headers">The response headers, by case-insensitive name.</param>
/// <param name="Cookies">The cookies, each a <c>set-cookie</c> value.</param>
/// <param name="Body">The body's bytes (base64-decoded when <paramref name="IsBase64Encoded"/>, else UTF-8).</param>
/// <param name="IsBase64Encoded">Whether the function sent the body as base64.</param>
public sealed record HttpApiResponse(
    int StatusCode,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<string> Cookies,
    byte[] Body,
    bool IsBase64Encoded)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);
}
