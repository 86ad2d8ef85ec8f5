using Microsoft.DurableTask;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;

namespace Serverless.Orders.Saga.Activities;

/// <summary>
/// Refunds what was charged for the order (a compensation; once per order, a no-op when nothing was charged). A failed
/// attempt is noted on the order until one succeeds.
/// </summary>
public sealed class RefundPaymentActivity(IPaymentGateway gateway, OrderStore orders, TimeProvider time)
    : TaskActivity<RefundPaymentInput, PaymentReceipt>
{
    /// <summary>
    /// The idempotency key of an order's refund: the saga and the reconciler refund with the same one.
    /// </summary>
    public static string RefundKey(string orderId) => $"{orderId}:refund";

    /// <inheritdoc />
    public override Task<PaymentReceipt> RunAsync(TaskActivityContext context, RefundPaymentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TrackedCompensation.RunAsync(
            orders,
            time,
            input.OrderId,
            SagaActivities.RefundPayment,
            () => gateway.RefundAsync(input.OrderId, input.Amount, RefundKey(input.OrderId)));
    }
}
