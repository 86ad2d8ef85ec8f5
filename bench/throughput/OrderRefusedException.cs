using System.Net;

namespace Serverless.Bench.Throughput;

/// <summary>
/// The host refused an order (429 or 503) before writing it, asking the client to come back after
/// <see cref="RetryAfter"/> (null when the answer carried no <c>Retry-After</c>: an invariant violation).
/// </summary>
internal sealed class OrderRefusedException(HttpStatusCode status, TimeSpan? retryAfter)
    : Exception(string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"POST /api/orders answered {(int)status}, Retry-After {retryAfter?.TotalSeconds.ToString() ?? "none"}"))
{
    public HttpStatusCode Status => status;

    public TimeSpan? RetryAfter => retryAfter;
}
