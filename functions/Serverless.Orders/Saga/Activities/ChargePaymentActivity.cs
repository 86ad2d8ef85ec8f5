using Microsoft.DurableTask;
using Serverless.Orders.Payments;

namespace Serverless.Orders.Saga.Activities;

/// <summary>
/// Charges the order's total. The gateway's idempotency key is per order and operation, not per task: a retry is a new
/// task, but must never be a second charge.
/// </summary>
public sealed class ChargePaymentActivity(IPaymentGateway gateway) : TaskActivity<ChargePaymentInput, PaymentReceipt>
{
    /// <inheritdoc />
    public override Task<PaymentReceipt> RunAsync(TaskActivityContext context, ChargePaymentInput input) =>
        gateway.ChargeAsync(input.OrderId, input.Amount, input.Token, $"{input.OrderId}:charge");
}
