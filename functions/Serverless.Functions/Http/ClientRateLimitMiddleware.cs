using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Serverless.Http.Limits;

namespace Serverless.Functions.Http;

/// <summary>
/// The per-client rate limit of the Function App, the same limiter as the local host's
/// (<see cref="ClientRateLimiter"/>), run as a worker middleware over the ASP.NET Core integration's
/// <see cref="HttpContext"/>: a refused request gets 429, <c>Retry-After</c> and problem+json, and its function never
/// runs. The Functions host has checked the key before the worker sees the request.
/// </summary>
internal sealed class ClientRateLimitMiddleware(PartitionedRateLimiter<HttpContext> limiter)
    : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is not { } http)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        using var lease = await limiter.AcquireAsync(http, 1, http.RequestAborted).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            await ClientRateLimiter.RefuseAsync(http, lease).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>The function key the request carries (header, else <c>code</c> query), which the host
    /// checked.</summary>
    public static string? PresentedKey(HttpContext context) =>
        context.Request.Headers["x-functions-key"].ToString() is { Length: > 0 } header
            ? header
            : context.Request.Query["code"].ToString() is { Length: > 0 } code ? code : null;
}
