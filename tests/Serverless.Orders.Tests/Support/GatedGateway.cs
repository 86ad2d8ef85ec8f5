using Microsoft.Extensions.DependencyInjection;
using Serverless.Orders.Payments;
using Serverless.Storage;

namespace Serverless.Orders.Tests.Support;

/// <summary>
/// The real payment simulator with two fault knobs a test turns (fault injection, not a mock: every movement is the
/// simulator's): charges go through and then wait at a gate while <see cref="HoldCharges"/> is set (so an order can be
/// caught "charged but not committed"), and refunds fail while <see cref="RefundsDown"/> is set.
/// </summary>
internal sealed class GatedGateway(PaymentSimulator inner) : IPaymentGateway
{
    private TaskCompletionSource _gate = NewGate();

    /// <summary>Puts a gated gateway over the app's own simulator in place of the payment gateway.</summary>
    public static void Install(IServiceCollection services) =>
        services.AddSingleton<IPaymentGateway>(sp =>
            new GatedGateway(new PaymentSimulator(sp.GetRequiredService<IStorageProvider>())));

    /// <summary>The gated gateway <see cref="Install"/> put into <paramref name="app"/>.</summary>
    public static GatedGateway Of(OrdersApp app) => (GatedGateway)app.Services.GetRequiredService<IPaymentGateway>();

    public const string RefundError = "The refund gateway is down (simulated).";

    public bool HoldCharges { get; set; }

    public bool RefundsDown { get; set; }

    public int FailedRefunds { get; private set; }

    /// <summary>Lets every held charge (and every later one) through.</summary>
    public void OpenGate()
    {
        HoldCharges = false;
        _gate.TrySetResult();
    }

    public bool AcceptsToken(string token) => inner.AcceptsToken(token);

    public async Task<PaymentReceipt> ChargeAsync(
        string orderId,
        decimal amount,
        string token,
        string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        var receipt = await inner.ChargeAsync(orderId, amount, token, idempotencyKey, cancellationToken);
        if (HoldCharges)
        {
            await _gate.Task.WaitAsync(cancellationToken);
        }

        return receipt;
    }

    public Task<PaymentReceipt> RefundAsync(
        string orderId,
        decimal amount,
        string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        if (RefundsDown)
        {
            FailedRefunds++;
            throw new PaymentUnavailableException(RefundError);
        }

        return inner.RefundAsync(orderId, amount, idempotencyKey, cancellationToken);
    }

    public Task<PaymentRecord?> GetAsync(string orderId, CancellationToken cancellationToken = default) =>
        inner.GetAsync(orderId, cancellationToken);

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
