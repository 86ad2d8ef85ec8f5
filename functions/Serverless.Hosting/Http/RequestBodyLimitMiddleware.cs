using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

using Serverless.Http;

namespace Serverless.Hosting.Http;

/// <summary>
/// Refuses a request whose declared <c>Content-Length</c> exceeds the endpoint's body limit with a 413 problem before
/// any handler runs. Chunked bodies are counted as they are read (<see cref="JsonBody"/>, Kestrel's
/// <c>MaxRequestBodySize</c>).
/// </summary>
internal sealed class RequestBodyLimitMiddleware(IProblemDetailsService problems)
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (limit is null || !(context.Request.ContentLength > limit))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        JsonBody.LiftServerLimit(context);
        JsonBody.CloseConnection(context.Response);
        return WriteAsync(problems, new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Payload Too Large",
                Detail = $"The request body is larger than {limit} bytes.",
            },
        });
    }

    // A client accepting no JSON at all gets the bare status code rather than an error.
    private static async Task WriteAsync(IProblemDetailsService problems, ProblemDetailsContext context) =>
        await problems.TryWriteAsync(context).ConfigureAwait(false);
}
