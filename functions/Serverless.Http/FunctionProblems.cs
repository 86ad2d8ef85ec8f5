using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace Serverless.Http;

/// <summary>
/// How every host shapes a problem+json answer, so the same bad request gets the same body on every host.
/// </summary>
public static class FunctionProblems
{
    /// <summary>
    /// For <c>AddProblemDetails(o =&gt; o.CustomizeProblemDetails = FunctionProblems.Customize)</c>: fills the status,
    /// the standard title and the instance (the request path); shows a client's bad-request message (oversize or
    /// malformed body) and never an exception's message or stack.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status ??= status;
        if (string.IsNullOrEmpty(problem.Title))
        {
            problem.Title = ReasonPhrases.GetReasonPhrase(status);
        }

        problem.Instance ??= context.HttpContext.Request.Path;
        if (context.Exception is BadHttpRequestException bad)
        {
            // Kestrel's messages describe the client's request ("Request body too large..."): safe to show.
            problem.Detail ??= bad.Message;
        }
        else if (context.Exception is not null)
        {
            // Never the exception's message or stack: the trace id ties the response to the logged exception.
            problem.Detail = "An unexpected error occurred.";
        }
    }
}
