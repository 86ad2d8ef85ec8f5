namespace Serverless.Orders.Payments;

/// <summary>
/// The port to a payment provider. Both operations are idempotent per order: whatever the number of calls (activities
/// run at least once), an order is charged at most once and refunded at most once, never more than was charged.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>
    /// Whether the gateway knows <paramref name="token"/> (checked when an order is placed, so bad input is refused
    /// early).
    /// </summary>
    bool AcceptsToken(string token);

    /// <summary>
    /// Charges <paramref name="amount"/> for <paramref name="orderId"/> with the card behind <paramref name="token"/>.
    /// A repeated charge of a charged order returns the first charge and moves no money.
    /// </summary>
    /// <exception cref="PaymentDeclinedException">The charge was declined; retrying will not help.</exception>
    /// <exception cref="PaymentUnavailableException">The gateway failed transiently; retrying may succeed.</exception>
    Task<PaymentReceipt> ChargeAsync(
        string orderId,
        decimal amount,
        string token,
        string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Refunds up to <paramref name="amount"/> of what was charged for <paramref name="orderId"/>, once. Refunding an
    /// order that was never charged moves no money and voids it, so a late charge for it is declined.
    /// </summary>
    /// <exception cref="PaymentUnavailableException">The gateway failed transiently; retrying may succeed.</exception>
    Task<PaymentReceipt> RefundAsync(
        string orderId,
        decimal amount,
        string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The payment of <paramref name="orderId"/> with every money movement, or <see langword="null"/> when the gateway
    /// never saw the order.
    /// </summary>
    Task<PaymentRecord?> GetAsync(string orderId, CancellationToken cancellationToken = default);
}
