using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Serverless.Http;
using Serverless.Orders.Serialization;

namespace Serverless.Orders.Ordering;

/// <summary>The optional bodies of the order actions: one that is sent is read, strictly, and checked.</summary>
internal static class ActionBodies
{
    /// <summary>None declared (Content-Length: 0, or neither a length nor chunked transfer) is no body.</summary>
    public static bool IsPresent(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    /// <summary>Nothing or <c>{}</c> passes (<see langword="null"/>); anything else is the problem to answer.</summary>
    public static async Task<ProblemHttpResult?> RefuseFieldsAsync(
        HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!IsPresent(request))
        {
            return null;
        }

        var body = await JsonBody.ReadAsync(request, OrdersJsonContext.Default.NoFieldsRequest, cancellationToken)
            .ConfigureAwait(false);
        return body.Problem;
    }
}
