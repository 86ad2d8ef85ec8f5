using Microsoft.Extensions.DependencyInjection;
using Serverless.Orders.Payments;
using Serverless.Orders.Tests.Support;
using Serverless.Storage;

namespace Serverless.Orders.Tests.Saga;

/// <summary>Compensations are retried until they succeed: a cancelled order never keeps the customer's money.</summary>
public sealed class CompensationRetryTests : IAsyncLifetime, IDisposable
{
    // More refund failures than the forward steps' 3 attempts (OrdersApp's StepRetry) would survive.
    private const int RefundFailures = 8;

    private readonly OrdersApp _app = new(
        configure: null,
        services =>
            services.AddSingleton<IPaymentGateway>(sp =>
                new UnreliableGateway(new PaymentSimulator(sp.GetRequiredService<IStorageProvider>()))));

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_refund_failing_longer_than_the_step_retries_is_retried_until_the_money_is_back()
    {
        var sku = OrdersApp.NewSku();
        await _app.PutStockAsync(sku, 5, 10m);

        var orderId = await _app.PlaceAsync(TestTokens.Visa, (sku, 1));
        var order = await _app.SettledAsync(orderId);

        Assert.Equal("Cancelled", order.GetProperty("status").GetString());
        var payment = await _app.GetJsonAsync($"/api/payments/{orderId}");
        Assert.Equal(0m, payment.GetProperty("netAmount").GetDecimal());
        Assert.Equal(5L, (await _app.GetStockAsync(sku)).GetProperty("available").GetInt64());
    }

    /// <summary>
    /// A gateway whose charge goes through but whose answer is always lost (so the saga gives up and compensates), and
    /// which is down for the first <see cref="RefundFailures"/> refunds.
    /// </summary>
    private sealed class UnreliableGateway(PaymentSimulator inner) : IPaymentGateway
    {
        private int _refunds;

        public bool AcceptsToken(string token) => inner.AcceptsToken(token);

        public async Task<PaymentReceipt> ChargeAsync(
            string orderId,
            decimal amount,
            string token,
            string idempotencyKey,
            CancellationToken cancellationToken = default)
        {
            await inner.ChargeAsync(orderId, amount, token, idempotencyKey, cancellationToken);
            throw new PaymentUnavailableException("The gateway timed out after charging.");
        }

        public Task<PaymentReceipt> RefundAsync(
            string orderId,
            decimal amount,
            string idempotencyKey,
            CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _refunds) <= RefundFailures
                ? throw new PaymentUnavailableException("The gateway is down.")
                : inner.RefundAsync(orderId, amount, idempotencyKey, cancellationToken);

        public Task<PaymentRecord?> GetAsync(string orderId, CancellationToken cancellationToken = default) =>
            inner.GetAsync(orderId, cancellationToken);
    }
}
