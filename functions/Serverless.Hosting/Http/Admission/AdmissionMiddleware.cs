using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Http;
using Serverless.Http.Limits;

namespace Serverless.Hosting.Http.Admission;

/// <summary>
/// Refuses new work while the host is behind: a request to an endpoint with <see cref="AdmissionControlMetadata"/>
/// gets 503, <c>Retry-After</c> and problem+json before its handler runs (so nothing is written), while work waits
/// longer than <see cref="AdmissionOptions.MaxWorkDelay"/> to begin. Runs after routing; other
/// endpoints always pass, so reads, approvals, cancels and management keep working.
/// </summary>
internal sealed class AdmissionMiddleware(
    IOptions<FunctionsHostOptions> options,
    IWorkBacklog backlog,
    ILogger<AdmissionMiddleware> logger)
{
    private readonly AdmissionOptions _options = options.Value.Admission;

    // Logged when it changes, not per request: a flood is thousands of refusals a second.
    private int _refusing;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!_options.Enabled || context.GetEndpoint()?.Metadata.GetMetadata<AdmissionControlMetadata>() is null)
        {
            return next(context);
        }

        var delay = backlog.WorkDelay;
        if (delay <= _options.MaxWorkDelay)
        {
            if (Interlocked.Exchange(ref _refusing, 0) == 1)
            {
                logger.AdmissionOpened();
            }

            return next(context);
        }

        if (Interlocked.Exchange(ref _refusing, 1) == 0)
        {
            logger.AdmissionClosed(delay.TotalMilliseconds, _options.MaxWorkDelay.TotalMilliseconds);
        }

        return RetryLater.WriteAsync(
            context,
            StatusCodes.Status503ServiceUnavailable,
            delay,
            $"The host is behind: its work waits {delay.TotalSeconds:0.0} s for a worker (the bound is " +
                $"{_options.MaxWorkDelay.TotalSeconds:0.###} s). Nothing was written; retry after the Retry-After " +
                "delay.");
    }
}
