using Microsoft.Extensions.DependencyInjection;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Tests.Support;

namespace Serverless.Orders.Tests.Saga;

/// <summary>
/// Runs its own app with a short approval timeout and only two charge attempts, so both limits are really reached.
/// </summary>
public sealed class ShortLimitsSagaTests : IAsyncLifetime, IDisposable
{
    private readonly OrdersApp _app = new(options =>
    {
        options.ApprovalTimeout = TimeSpan.FromSeconds(1);
        options.PaymentRetry = new RetrySettings
        {
            MaxAttempts = 2,
            FirstRetryInterval = TimeSpan.FromMilliseconds(50),
        };
    });

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_high_value_order_nobody_approves_is_cancelled_when_the_approval_times_out()
    {
        var sku = OrdersApp.NewSku();
        await _app.PutStockAsync(sku, 5, 600m);

        var orderId = await _app.PlaceAsync(TestTokens.Visa, (sku, 2));
        var order = await _app.SettledAsync(orderId);

        Assert.Equal("Cancelled", order.GetProperty("status").GetString());
        Assert.StartsWith(CancellationReasons.ApprovalTimedOutPrefix, order.GetProperty("reason").GetString());
        var stock = await _app.GetStockAsync(sku);
        Assert.Equal((5L, 0L), (stock.GetProperty("available").GetInt64(), stock.GetProperty("reserved").GetInt64()));
        Assert.Equal(0m, (await _app.GetJsonAsync($"/api/payments/{orderId}")).GetProperty("netAmount").GetDecimal());
    }

    [Fact]
    public async Task A_payment_that_keeps_failing_past_the_retries_cancels_the_order_and_voids_the_payment()
    {
        var sku = OrdersApp.NewSku();
        await _app.PutStockAsync(sku, 5, 10m);

        var orderId = await _app.PlaceAsync(TestTokens.Transient, (sku, 1));
        var order = await _app.SettledAsync(orderId);

        Assert.Equal("Cancelled", order.GetProperty("status").GetString());
        Assert.StartsWith(CancellationReasons.PaymentFailedPrefix, order.GetProperty("reason").GetString());
        var payment = await _app.GetJsonAsync($"/api/payments/{orderId}");
        Assert.Equal(
            ("Voided", 0m),
            (payment.GetProperty("status").GetString(), payment.GetProperty("netAmount").GetDecimal()));
        Assert.Equal(5L, (await _app.GetStockAsync(sku)).GetProperty("available").GetInt64());
    }

    [Fact]
    public async Task An_approval_recorded_just_before_the_timeout_fires_wins_over_the_timeout()
    {
        var (_, orderId) = await _app.PlaceAwaitingApprovalAsync();

        // As POST /approve does, minus the event: as if the request died between recording and raising it.
        await _app.Services.GetRequiredService<OrderStore>().RecordDecisionAsync(orderId, ApprovalDecision.Approved);
        var order = await _app.SettledAsync(orderId);

        Assert.Equal("Confirmed", order.GetProperty("status").GetString());
    }
}
