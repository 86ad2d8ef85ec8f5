using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>
/// Saga version 2.0's fraud screen on the real host: host.json's <c>defaultVersion</c> (2.0) makes the host start v2
/// sagas, which screen orders above <c>Orders:ScreenThreshold</c> (500.00) before the charge; an explicit
/// <c>Durable__DefaultVersion</c> overrides host.json.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class FraudScreenTests
{
    [Fact]
    public async Task A_large_order_the_screen_refuses_is_cancelled_with_the_reason_its_stock_back_and_nothing_charged()
    {
        await using var host = await HostProcess.StartAsync("screen-v2");
        using var client = new HostClient(host);
        var sku = TestIds.Sku("screened");
        await client.SetStockAsync(sku, 10, 300.00m);

        var refused = await client.PlaceOrderAsync(TestIds.Customer("screened"), sku, 2, Tokens.HighRisk);
        var small = await client.PlaceOrderAsync(TestIds.Customer("screened"), sku, 1, Tokens.HighRisk);
        var cancelled = await client.WaitUntilSettledAsync(refused.OrderId);
        var confirmed = await client.WaitUntilSettledAsync(small.OrderId);

        Assert.Equal(
            (OrderStatuses.Cancelled, "Refused by the fraud screen: the payment token tok_risky is high risk."),
            (cancelled.Status, cancelled.Reason));
        Assert.Empty((await client.GetPaymentAsync(refused.OrderId)).Ledger);
        Assert.Equal(OrderStatuses.Confirmed, confirmed.Status);
        Assert.Equal(new StockDto(sku, 9, 0, 1, 300.00m), await client.GetStockAsync(sku));
        Assert.Equal(1, await ScreensOfAsync(client, refused.OrderId));
        Assert.Equal(0, await ScreensOfAsync(client, small.OrderId));
    }

    [Fact]
    public async Task A_host_whose_Durable_DefaultVersion_says_1_0_starts_v1_sagas_which_do_not_screen()
    {
        await using var host = await HostProcess.StartAsync(
            new HostLaunch(Environment: new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Durable__DefaultVersion"] = "1.0",
            }),
            "screen-v1");
        using var client = new HostClient(host);
        var sku = TestIds.Sku("unscreened");
        await client.SetStockAsync(sku, 10, 300.00m);

        var placed = await client.PlaceOrderAsync(TestIds.Customer("unscreened"), sku, 2, Tokens.HighRisk);
        var order = await client.WaitUntilSettledAsync(placed.OrderId);

        Assert.Equal(OrderStatuses.Confirmed, order.Status);
        Assert.Equal(
            new LedgerEntryDto("charge", 600.00m),
            Assert.Single((await client.GetPaymentAsync(placed.OrderId)).Ledger));
        Assert.Equal(0, await ScreensOfAsync(client, placed.OrderId));
    }

    private static async Task<int> ScreensOfAsync(HostClient client, string orderId) =>
        (await client.WaitForInstanceAsync(orderId, "Completed")).HistoryEvents!
            .Count(e => e.EventType == "TaskScheduled" && e.FunctionName == "ScreenOrder");
}
