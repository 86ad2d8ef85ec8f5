using Serverless.Orders.Payments;

namespace Serverless.Conformance.Tests.Catalog.Saga;

/// <summary>
/// A test double of the payment gateway only: it decorates the real <see cref="PaymentSimulator"/> and makes its first
/// <c>failures</c> refunds fail transiently (<see cref="PaymentUnavailableException"/>, as a gateway outage would),
/// since the simulator has no token that fails refunds. Everything else, and every later refund, is the simulator's.
/// </summary>
/// <param name="inner">The real gateway.</param>
/// <param name="failures">How many refunds fail before they reach <paramref name="inner"/>.</param>
internal sealed class FailingRefundGateway(IPaymentGateway inner, int failures) : IPaymentGateway
{
    private int _refundCalls;

    /// <summary>How many refunds were asked for, the failed ones included.</summary>
    public int RefundCalls => Volatile.Read(ref _refundCalls);

    public bool AcceptsToken(string token) => inner.AcceptsToken(token);

    public Task<PaymentReceipt> ChargeAsync(
        string orderId,
        decimal amount,
        string token,
        string idempotencyKey,
        CancellationToken cancellationToken = default)
        => inner.ChargeAsync(orderId, amount, token, idempotencyKey, cancellationToken);

    public Task<PaymentReceipt> RefundAsync(
        string orderId,
        decimal amount,
        string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _refundCalls);
        return call <= failures
            ? Task.FromException<PaymentReceipt>(new PaymentUnavailableException($"The gateway timed out (test " +
                $"double, refund {call} of {failures} failing)."))
            : inner.RefundAsync(orderId, amount, idempotencyKey, cancellationToken);
    }

    public Task<PaymentRecord?> GetAsync(string orderId, CancellationToken cancellationToken = default)
        => inner.GetAsync(orderId, cancellationToken);
}
