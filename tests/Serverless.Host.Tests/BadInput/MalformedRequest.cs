using System.Net;

namespace Serverless.Host.Tests.BadInput;

/// <summary>
/// One row of the bad-input table: a request, the status it must get, and for a 400 the field its problem must name.
/// </summary>
/// <param name="Status">The status of the problem+json answer.</param>
/// <param name="Field">For a 400, the key of <c>errors</c> that names what is wrong; otherwise null.</param>
/// <param name="Method">The request's method.</param>
/// <param name="Path">The request's path and query, relative to the host.</param>
/// <param name="Content">The body, or null for none.</param>
/// <param name="IdempotencyKey">The <c>Idempotency-Key</c> header, or null for none.</param>
public sealed record MalformedRequest(
    HttpStatusCode Status,
    string? Field,
    HttpMethod Method,
    string Path,
    HttpContent? Content = null,
    string? IdempotencyKey = null)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(Method, Path) { Content = Content };
        if (IdempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", IdempotencyKey);
        }

        return request;
    }
}
