namespace Serverless.Orders.Payments;

/// <summary>The gateway's answer to a charge or refund.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status">The payment's status after the call.</param>
/// <param name="Amount">The amount the call concerns: charged, or refunded (0 when nothing was refunded).</param>
public sealed record PaymentReceipt(string OrderId, PaymentStatus Status, decimal Amount);
