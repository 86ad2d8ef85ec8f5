using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>
/// The scenarios of <see cref="OrderSagaTests"/>, run on the default host and on Azure Storage
/// (Azure.AzureOrderSagaTests).
/// </summary>
public abstract class OrderSagaScenarios(HostFixture fixture)
{
    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task A_paid_order_in_stock_sells_its_stock_charges_its_total_once_and_publishes_OrderConfirmed()
    {
        var sku = TestIds.Sku("happy");
        await _client.SetStockAsync(sku, 10, 12.50m);

        var accepted = await _client.PlaceOrderAsync(TestIds.Customer("happy"), sku, 2, Tokens.Visa);
        var order = await _client.WaitUntilSettledAsync(accepted.OrderId);

        Assert.Equal(OrderStatuses.Confirmed, order.Status);
        Assert.Null(order.Reason);
        Assert.Equal(25.00m, order.Total);
        Assert.Equal(new StockDto(sku, 8, 0, 2, 12.50m), await _client.GetStockAsync(sku));
        var payment = await _client.GetPaymentAsync(accepted.OrderId);
        var charge = Assert.Single(payment.Ledger);
        Assert.Equal(new LedgerEntryDto("charge", 25.00m), charge);
        Assert.Equal(25.00m, payment.NetAmount);
        var published = await OrderEventsQueue.WaitForConfirmedEventAsync(_client, accepted.OrderId);
        Assert.Equal(25.00m, published.GetProperty("total").GetDecimal());
        Assert.Equal(order.CustomerId, published.GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task A_new_order_is_accepted_as_Pending_with_its_own_status_uri()
    {
        // The contract: POST /api/orders answers 202 {"orderId","status":"Pending","statusUri"} for a new order,
        // whatever its saga has done by then. The saga races the answer, so this places many orders, one after another,
        // each after a read of the order list (which is when the race was seen to go wrong about once in fifty orders).
        var sku = TestIds.Sku("accepted");
        await _client.SetStockAsync(sku, 1000, 1.00m);
        var wrong = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            await _client.ListAllOrdersAsync();
            var accepted = await _client.PlaceOrderAsync(
                TestIds.Customer("accepted"),
                sku,
                1,
                Tokens.Visa,
                TestIds.IdempotencyKey("accepted"));
            Assert.EndsWith($"/api/orders/{accepted.OrderId}", accepted.StatusUri, StringComparison.Ordinal);
            if (accepted.Status != OrderStatuses.Pending)
            {
                wrong.Add($"{accepted.OrderId} was accepted as {accepted.Status}");
            }
        }

        Assert.True(
            wrong.Count == 0,
            $"{wrong.Count} of 150 new orders were not accepted as Pending: {string.Join("; ", wrong)}");
    }

    [Fact]
    public async Task An_order_over_the_stock_is_cancelled_as_out_of_stock_and_moves_no_money_or_stock()
    {
        var sku = TestIds.Sku("short");
        await _client.SetStockAsync(sku, 1, 5.00m);

        var accepted = await _client.PlaceOrderAsync(TestIds.Customer("short"), sku, 2, Tokens.Visa);
        var order = await _client.WaitUntilSettledAsync(accepted.OrderId);

        Assert.Equal(OrderStatuses.Cancelled, order.Status);
        Assert.StartsWith("Out of stock", order.Reason, StringComparison.Ordinal);
        Assert.Contains(sku, order.Reason, StringComparison.Ordinal);
        Assert.Equal(new StockDto(sku, 1, 0, 0, 5.00m), await _client.GetStockAsync(sku));
        var payment = await _client.GetPaymentAsync(accepted.OrderId);
        Assert.Empty(payment.Ledger);
        Assert.Equal(0m, payment.NetAmount);
        Assert.Empty(await OrderEventsQueue.ConfirmedEventsOfAsync(_client, accepted.OrderId));
    }

    [Fact]
    public async Task An_order_with_one_line_out_of_stock_keeps_none_of_its_other_lines_reserved()
    {
        var plenty = TestIds.Sku("plenty");
        var scarce = TestIds.Sku("scarce");
        await _client.SetStockAsync(plenty, 50, 3.00m);
        await _client.SetStockAsync(scarce, 1, 4.00m);

        var accepted = await _client.PlaceOrderAsync(OrderRequests.Body(
            TestIds.Customer("partial"),
            [new(plenty, 5), new(scarce, 3)],
            Tokens.Visa));
        var order = await _client.WaitUntilSettledAsync(accepted.OrderId);

        Assert.Equal(OrderStatuses.Cancelled, order.Status);
        Assert.StartsWith("Out of stock", order.Reason, StringComparison.Ordinal);
        Assert.Equal(new StockDto(plenty, 50, 0, 0, 3.00m), await _client.GetStockAsync(plenty));
        Assert.Equal(new StockDto(scarce, 1, 0, 0, 4.00m), await _client.GetStockAsync(scarce));
        Assert.Empty((await _client.GetPaymentAsync(accepted.OrderId)).Ledger);
    }

    [Fact]
    public async Task A_declined_card_cancels_the_order_releases_its_stock_and_moves_no_money()
    {
        var sku = TestIds.Sku("declined");
        await _client.SetStockAsync(sku, 10, 7.25m);

        var accepted = await _client.PlaceOrderAsync(TestIds.Customer("declined"), sku, 3, Tokens.Decline);
        var order = await _client.WaitUntilSettledAsync(accepted.OrderId);

        Assert.Equal(OrderStatuses.Cancelled, order.Status);
        Assert.StartsWith("Payment declined", order.Reason, StringComparison.Ordinal);
        Assert.Equal(new StockDto(sku, 10, 0, 0, 7.25m), await _client.GetStockAsync(sku));
        var payment = await _client.GetPaymentAsync(accepted.OrderId);
        Assert.Empty(payment.Charges);
        Assert.Equal(0m, payment.LedgerNet);
        Assert.Equal(0m, payment.NetAmount);
        Assert.Empty(await OrderEventsQueue.ConfirmedEventsOfAsync(_client, accepted.OrderId));
    }

    [Fact]
    public async Task A_transiently_failing_card_is_retried_until_the_order_is_confirmed_and_charged_exactly_once()
    {
        var sku = TestIds.Sku("transient");
        await _client.SetStockAsync(sku, 10, 9.99m);

        var accepted = await _client.PlaceOrderAsync(TestIds.Customer("transient"), sku, 1, Tokens.Transient);
        var order = await _client.WaitUntilSettledAsync(accepted.OrderId);

        Assert.Equal(OrderStatuses.Confirmed, order.Status);
        Assert.Equal(new StockDto(sku, 9, 0, 1, 9.99m), await _client.GetStockAsync(sku));
        var payment = await _client.GetPaymentAsync(accepted.OrderId);
        Assert.Equal(new LedgerEntryDto("charge", 9.99m), Assert.Single(payment.Ledger));
        Assert.Equal(9.99m, payment.NetAmount);
        // The simulator fails the first two attempts: the saga's history shows the charge scheduled three times.
        var instance = await _client.WaitForInstanceAsync(accepted.OrderId, "Completed");
        var charges = instance.HistoryEvents!.Count(e => e.EventType == "TaskScheduled"
            && e.FunctionName == "ChargePayment");
        Assert.True(
            charges >= 3,
            $"Expected the charge to be attempted at least 3 times, it was scheduled {charges} time(s).");
    }
}
