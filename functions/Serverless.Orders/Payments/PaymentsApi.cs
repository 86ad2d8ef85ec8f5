using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Serverless.Http;
using Serverless.Orders.Ordering;

namespace Serverless.Orders.Payments;

/// <summary>
/// The handler of <c>GET /payments/{orderId}</c> (the payment of an order and its ledger), shared by every host.
/// </summary>
public static class PaymentsApi
{
    /// <summary>
    /// <c>GET /payments/{orderId}</c>: the payment and its ledger; an empty one for an order not charged yet; 404 for
    /// no order; 503 while the gateway cannot be asked.
    /// </summary>
    public static async Task<Results<Ok<PaymentRecord>, ValidationProblem, ProblemHttpResult>> GetPaymentAsync(
        string orderId,
        [FromServices] IPaymentGateway gateway,
        [FromServices] OrderStore orders,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(orders);
        if (!Identifiers.IsValidOrderId(orderId))
        {
            return OrdersApi.InvalidOrderId();
        }

        PaymentRecord? payment;
        try
        {
            payment = await gateway.GetAsync(orderId, cancellationToken).ConfigureAwait(false);
        }
        catch (PaymentUnavailableException unavailable)
        {
            // A card provider keeps the ledger: while it cannot be asked, say so rather than fail.
            return FunctionResults.Problem(
                StatusCodes.Status503ServiceUnavailable,
                $"The payment gateway cannot be asked just now: {unavailable.Message}");
        }

        if (payment is not null)
        {
            return TypedResults.Ok(payment);
        }

        // An order that never reached the charge step has no payment yet: that is "no money moved", not "not found".
        return await orders.GetAsync(orderId, cancellationToken).ConfigureAwait(false) is not null
            ? TypedResults.Ok(PaymentRecord.Empty(orderId))
            : FunctionResults.Problem(StatusCodes.Status404NotFound, $"There is no order '{orderId}'.");
    }
}
