using Microsoft.DurableTask;
using Serverless.Orders.Payments;

namespace Serverless.Orders.Saga.Activities;

/// <summary>Refunds what was charged for the order (a compensation; once per order, a no-op when nothing was charged).</summary>
public sealed class RefundPaymentActivity(IPaymentGateway gateway) : TaskActivity<RefundPaymentInput, PaymentReceipt>
{
    /// <inheritdoc />
    public override Task<PaymentReceipt> RunAsync(TaskActivityContext context, RefundPaymentInput input) =>
        gateway.RefundAsync(input.OrderId, input.Amount, $"{input.OrderId}:refund");
}
