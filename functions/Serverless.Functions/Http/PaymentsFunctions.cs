using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;

namespace Serverless.Functions.Http;

/// <summary><c>GET /api/payments/{orderId}</c>, over the shared handler.</summary>
public sealed class PaymentsFunctions(IPaymentGateway gateway, OrderStore orders)
{
    /// <summary><c>GET /api/payments/{orderId}</c>.</summary>
    [Function("GetPayment")]
    public async Task<IResult> GetPaymentAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "payments/{orderId}")] HttpRequest request,
        string orderId,
        CancellationToken cancellationToken) =>
        await PaymentsApi.GetPaymentAsync(orderId, gateway, orders, cancellationToken).ConfigureAwait(false);
}
