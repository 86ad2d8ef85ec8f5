namespace Serverless.Orders.Payments;

/// <summary>The payment of one order (the body of <c>GET /api/payments/{orderId}</c>).</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status">Where the payment stands.</param>
/// <param name="Amount">The amount charged (0 when nothing was).</param>
/// <param name="NetAmount">Charged minus refunded: the money the merchant keeps.</param>
/// <param name="Ledger">Every money movement, in order.</param>
public sealed record PaymentRecord(
    string OrderId,
    PaymentStatus Status,
    decimal Amount,
    decimal NetAmount,
    IReadOnlyList<LedgerEntry> Ledger)
{
    /// <summary>The record of an order the gateway never saw.</summary>
    public static PaymentRecord Empty(string orderId) => new(orderId, PaymentStatus.None, 0m, 0m, []);
}
