using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Serverless.Durable;
using Serverless.Orders.Diagnostics;
using Serverless.Orders.Payments;
using Serverless.Orders.Tests.Support;

namespace Serverless.Orders.Tests.Diagnostics;

/// <summary>
/// The order metrics (<see cref="OrdersMetrics"/>) of the function set running as the host runs it, with no execution
/// cache (every episode replays the saga's history) and the real simulator behind a gateway whose refunds can be
/// taken down: each fact is counted once, where the order's row changes.
/// </summary>
public sealed class OrdersMetricsTests : IAsyncLifetime, IDisposable
{
    private readonly OrdersApp _app = new(
        options => options.Metrics.CompensatingReadInterval = TimeSpan.Zero,
        services =>
        {
            GatedGateway.Install(services);
            services.Configure<DurableTaskOptions>(options => options.MaxCachedInstances = 0);
        });

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    public void Dispose() => _app.Dispose();

    private IMeterFactory Meters => _app.Services.GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task A_confirmed_order_counts_once_as_placed_and_confirmed_though_its_charge_was_retried()
    {
        using var placed = Collect<long>("orders.placed");
        using var confirmed = Collect<long>("orders.confirmed");
        using var cancelled = Collect<long>("orders.cancelled");
        using var durations = Collect<double>("orders.saga.duration");
        using var retries = new MetricCollector<long>(Meters, DurableMetrics.MeterName, "durable.activity.retries");
        using var replays = new MetricCollector<long>(Meters, DurableMetrics.MeterName, "durable.replays");
        var sku = OrdersApp.NewSku();
        await _app.PutStockAsync(sku, 5, 10m);

        // The simulator fails a tok_transient charge twice before it approves it.
        var orderId = await _app.PlaceAsync(TestTokens.Transient, (sku, 1));
        var order = await _app.SettledAsync(orderId);

        Assert.Equal("Confirmed", order.GetProperty("status").GetString());
        Assert.Equal(2, retries.Sum("name", "ChargePayment"));
        Assert.True(replays.Sum() > 0, "every episode after the first replays the saga's history");
        Assert.Equal(1, placed.Sum());
        Assert.Equal(1, confirmed.Sum());
        Assert.Equal(0, cancelled.Sum());
        var duration = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("confirmed", duration.Tags["status"]);
        Assert.True(duration.Value >= 0);
    }

    [Fact]
    public async Task A_declined_card_counts_a_cancellation_for_its_reason_and_the_compensating_gauge_rises_and_falls()
    {
        using var placed = Collect<long>("orders.placed");
        using var confirmed = Collect<long>("orders.confirmed");
        using var cancelled = Collect<long>("orders.cancelled");
        using var durations = Collect<double>("orders.saga.duration");
        using var compensating = Collect<long>("orders.compensating");
        var gateway = GatedGateway.Of(_app);
        var sku = OrdersApp.NewSku();
        await _app.PutStockAsync(sku, 5, 10m);
        // The metrics come with the order store, which this process has not needed yet.
        _ = _app.Services.GetRequiredService<OrdersMetrics>();
        await compensating.ObservedAsync(o => o.ValueOf<long>() == 0, "no order is being compensated");

        // The decline is compensated by a refund (of nothing) and a release; refunds fail while the gateway is down.
        gateway.RefundsDown = true;
        var orderId = await _app.PlaceAsync(TestTokens.Decline, (sku, 1));
        await _app.WaitForStatusAsync(orderId, "Compensating");
        await compensating.ObservedAsync(o => o.ValueOf<long>() == 1, "the order being compensated is counted");
        gateway.RefundsDown = false;
        var order = await _app.SettledAsync(orderId);

        Assert.Equal("Cancelled", order.GetProperty("status").GetString());
        await compensating.ObservedAsync(o => o.ValueOf<long>() == 0, "the cancelled order is no longer counted");
        Assert.Equal(1, placed.Sum());
        Assert.Equal(0, confirmed.Sum());
        var cancellation = Assert.Single(cancelled.GetMeasurementSnapshot());
        Assert.Equal(1, cancellation.Value);
        Assert.Equal("payment_declined", cancellation.Tags["reason"]);
        var duration = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("cancelled", duration.Tags["status"]);
    }

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(Meters, OrdersMetrics.MeterName, instrument);
}
