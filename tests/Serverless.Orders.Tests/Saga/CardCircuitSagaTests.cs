using DurableTask.Core.History;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Tests.Support;

namespace Serverless.Orders.Tests.Saga;

/// <summary>
/// A charge failed fast by the card gateway's open circuit is transient to the saga: it waits on its durable retry
/// (<c>Orders:PaymentRetry</c>) and charges once the provider is back, never cancelling the order as a decline. The
/// function set runs in-process on the engine with the card gateway against the fake provider.
/// </summary>
public sealed class CardCircuitSagaTests : IAsyncLifetime, IDisposable
{
    private readonly FakeCardProvider _provider = FakeCardProvider.Start();
    private readonly OrdersApp _app;

    public CardCircuitSagaTests()
    {
        _app = new OrdersApp(options =>
        {
            options.Payments = CardGatewayHarness.Card(_provider);
            options.Payments.Card.MaxRetries = 0;
            options.Payments.Card.MinimumThroughput = 2;
            options.Payments.Card.BreakDuration = TimeSpan.FromSeconds(1);
            // Retried for as long as the test needs, quickly.
            options.PaymentRetry = new RetrySettings
            {
                MaxAttempts = 10_000,
                FirstRetryInterval = TimeSpan.FromMilliseconds(50),
                MaxRetryInterval = TimeSpan.FromMilliseconds(100),
            };
        });
        _provider.HangFor = TimeSpan.FromSeconds(3);
    }

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _provider.Dispose();
    }

    public void Dispose()
    {
        _app.Dispose();
        _provider.Dispose();
    }

    [Fact]
    public async Task A_charge_refused_by_the_open_circuit_is_retried_durably_and_charged_once_the_provider_is_back()
    {
        var sku = OrdersApp.NewSku();
        await _app.PutStockAsync(sku, 5, 12.50m);
        _provider.Fault = ProviderFault.ServerErrors;

        var orderId = await _app.PlaceAsync("tok_visa", (sku, 2));
        await Eventually.TrueAsync(
            async () => (await _app.HistoryAsync(orderId)).OfType<TaskFailedEvent>().Any(e =>
                e.FailureDetails is { } failure
                && failure.ErrorType == typeof(PaymentUnavailableException).FullName
                && failure.ErrorMessage.Contains("circuit", StringComparison.Ordinal)),
            "a charge fails on the open circuit");
        _provider.Fault = ProviderFault.None;
        var order = await _app.SettledAsync(orderId);

        Assert.Equal("Confirmed", order.GetProperty("status").GetString());
        var history = await _app.HistoryAsync(orderId);
        Assert.True(
            history.OfType<TaskScheduledEvent>().Count(e => e.Name == SagaActivities.ChargePayment) > 1,
            "The charge was not retried.");
        Assert.DoesNotContain(
            history.OfType<TaskScheduledEvent>(),
            e => e.Name == SagaActivities.RefundPayment);
        Assert.Equal(2500L, Assert.Single(_provider.ChargesFor(orderId), c => c.Succeeded).Amount);
    }
}
