using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Serverless.Http.Limits;

/// <summary>A refusal that asks the client to come back: a status, <c>Retry-After</c> and problem+json.</summary>
public static class RetryLater
{
    /// <summary>
    /// Writes <paramref name="status"/> with <c>Retry-After</c> in whole seconds (rounded up, at least 1) and a
    /// problem+json body carrying <paramref name="detail"/>.
    /// </summary>
    public static Task WriteAsync(HttpContext context, int status, TimeSpan retryAfter, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = Seconds(retryAfter);
        context.Response.StatusCode = status;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            detail,
            context.Request.Path,
            status,
            ReasonPhrases.GetReasonPhrase(status))
            .ExecuteAsync(context);
    }

    /// <summary><paramref name="wait"/> in whole seconds, rounded up, at least 1.</summary>
    public static int Seconds(TimeSpan wait) => (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 1, int.MaxValue);
}
