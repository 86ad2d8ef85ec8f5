using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Serverless.Hosting.Http;
using Serverless.Orders.Ordering;

namespace Serverless.Orders.Payments;

/// <summary><c>GET /payments/{orderId}</c>: the payment of an order and its ledger.</summary>
internal static class PaymentsApi
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/payments").MapGet("/{orderId}", GetPaymentAsync).AsFunction("GetPayment", AuthorizationLevel.Function);

    internal static async Task<Results<Ok<PaymentRecord>, ValidationProblem, ProblemHttpResult>> GetPaymentAsync(
        string orderId,
        [FromServices] IPaymentGateway gateway,
        [FromServices] OrderStore orders,
        CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValidOrderId(orderId))
        {
            return OrdersApi.InvalidOrderId();
        }

        if (await gateway.GetAsync(orderId, cancellationToken).ConfigureAwait(false) is { } payment)
        {
            return TypedResults.Ok(payment);
        }

        // An order that never reached the charge step has no payment yet: that is "no money moved", not "not found".
        return await orders.GetAsync(orderId, cancellationToken).ConfigureAwait(false) is not null
            ? TypedResults.Ok(PaymentRecord.Empty(orderId))
            : FunctionResults.Problem(StatusCodes.Status404NotFound, $"There is no order '{orderId}'.");
    }
}
