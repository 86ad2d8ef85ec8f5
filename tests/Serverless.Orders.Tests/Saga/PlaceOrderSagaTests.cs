using System.Net;
using System.Text.Json;
using DurableTask.Core.History;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Tests.Support;

namespace Serverless.Orders.Tests.Saga;

[Collection(OrdersAppCollection.Name)]
public sealed class PlaceOrderSagaTests(OrdersApp app)
{
    [Fact]
    public async Task A_paid_order_is_confirmed_its_stock_sold_and_OrderConfirmed_published_once()
    {
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 10, 12.50m);

        var orderId = await app.PlaceAsync(TestTokens.Visa, (sku, 2));
        var order = await app.SettledAsync(orderId);

        Assert.Equal("Confirmed", order.GetProperty("status").GetString());
        Assert.Equal(25.00m, order.GetProperty("total").GetDecimal());
        Assert.False(order.TryGetProperty("reason", out _));
        AssertStock(await app.GetStockAsync(sku), available: 8, reserved: 0, sold: 2);
        AssertLedger(await app.GetJsonAsync($"/api/payments/{orderId}"), "Charged", net: 25.00m, ("charge", 25.00m));
        var published = (await app.PublishedAsync()).Where(e => e.OrderId == orderId).ToList();
        var confirmed = Assert.Single(published);
        Assert.Equal(
            (25.00m, "OrderConfirmed", $"{orderId}:OrderConfirmed"),
            (confirmed.Total, confirmed.Type, confirmed.EventId));
    }

    [Fact]
    public async Task An_order_for_more_than_the_stock_is_cancelled_with_nothing_charged_and_the_stock_unchanged()
    {
        var plenty = OrdersApp.NewSku();
        var scarce = OrdersApp.NewSku();
        await app.PutStockAsync(plenty, 10, 1m);
        await app.PutStockAsync(scarce, 1, 1m);

        var orderId = await app.PlaceAsync(TestTokens.Visa, (plenty, 3), (scarce, 2));
        var order = await app.SettledAsync(orderId);

        Assert.Equal("Cancelled", order.GetProperty("status").GetString());
        Assert.StartsWith(CancellationReasons.OutOfStockPrefix, order.GetProperty("reason").GetString());
        Assert.Contains(scarce, order.GetProperty("reason").GetString());
        AssertStock(await app.GetStockAsync(plenty), available: 10, reserved: 0, sold: 0);
        AssertStock(await app.GetStockAsync(scarce), available: 1, reserved: 0, sold: 0);
        var payment = await app.GetJsonAsync($"/api/payments/{orderId}");
        Assert.Equal(0m, payment.GetProperty("netAmount").GetDecimal());
        Assert.Empty(payment.GetProperty("ledger").EnumerateArray());
        Assert.DoesNotContain(await app.PublishedAsync(), e => e.OrderId == orderId);
    }

    [Fact]
    public async Task A_declined_payment_cancels_the_order_releases_the_stock_and_moves_no_money()
    {
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 5, 10m);

        var orderId = await app.PlaceAsync(TestTokens.Decline, (sku, 2));
        var order = await app.SettledAsync(orderId);

        Assert.Equal("Cancelled", order.GetProperty("status").GetString());
        Assert.StartsWith(CancellationReasons.PaymentDeclinedPrefix, order.GetProperty("reason").GetString());
        AssertStock(await app.GetStockAsync(sku), available: 5, reserved: 0, sold: 0);
        AssertLedger(await app.GetJsonAsync($"/api/payments/{orderId}"), "Declined", net: 0m);
        Assert.Equal(1, await ChargeAttemptsAsync(orderId));
    }

    [Fact]
    public async Task A_transiently_failing_payment_is_retried_and_the_order_confirmed_charged_once()
    {
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 5, 10m);

        var orderId = await app.PlaceAsync(TestTokens.Transient, (sku, 1));
        var order = await app.SettledAsync(orderId);

        Assert.Equal("Confirmed", order.GetProperty("status").GetString());
        AssertLedger(await app.GetJsonAsync($"/api/payments/{orderId}"), "Charged", net: 10m, ("charge", 10m));
        Assert.Equal(3, await ChargeAttemptsAsync(orderId));
        AssertStock(await app.GetStockAsync(sku), available: 4, reserved: 0, sold: 1);
    }

    [Fact]
    public async Task A_slow_payment_still_confirms_the_order()
    {
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 5, 10m);

        var orderId = await app.PlaceAsync(TestTokens.Slow, (sku, 1));

        Assert.Equal("Confirmed", (await app.SettledAsync(orderId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_high_value_order_waits_for_approval_and_is_confirmed_when_approved()
    {
        var (sku, orderId) = await app.PlaceAwaitingApprovalAsync();
        AssertStock(await app.GetStockAsync(sku), available: 3, reserved: 2, sold: 0);
        using var approved = await app.Http.PostAsync($"/api/orders/{orderId}/approve", null);
        var order = await app.SettledAsync(orderId);

        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        Assert.Equal("Confirmed", order.GetProperty("status").GetString());
        AssertLedger(await app.GetJsonAsync($"/api/payments/{orderId}"), "Charged", net: 1200m, ("charge", 1200m));
        AssertStock(await app.GetStockAsync(sku), available: 3, reserved: 0, sold: 2);
    }

    [Fact]
    public async Task A_rejected_order_is_cancelled_with_its_stock_released_and_nothing_charged()
    {
        var (sku, orderId) = await app.PlaceAwaitingApprovalAsync();
        using var rejected = await app.Http.PostAsync($"/api/orders/{orderId}/reject", null);
        var order = await app.SettledAsync(orderId);

        Assert.Equal(HttpStatusCode.Accepted, rejected.StatusCode);
        Assert.Equal("Cancelled", order.GetProperty("status").GetString());
        Assert.StartsWith(CancellationReasons.RejectedPrefix, order.GetProperty("reason").GetString());
        AssertStock(await app.GetStockAsync(sku), available: 5, reserved: 0, sold: 0);
        Assert.Equal(0m, (await app.GetJsonAsync($"/api/payments/{orderId}")).GetProperty("netAmount").GetDecimal());
    }

    [Fact]
    public async Task Approving_an_order_that_is_not_awaiting_approval_is_a_conflict()
    {
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 5, 1m);
        var orderId = await app.PlaceAsync(TestTokens.Visa, (sku, 1));
        await app.SettledAsync(orderId);

        using var approve = await app.Http.PostAsync($"/api/orders/{orderId}/approve", null);
        using var reject = await app.Http.PostAsync($"/api/orders/{orderId}/reject", null);

        Assert.Equal(HttpStatusCode.Conflict, approve.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reject.StatusCode);
        Assert.Equal("Confirmed", (await app.GetJsonAsync($"/api/orders/{orderId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Rejecting_an_order_just_approved_is_a_conflict_and_the_approval_stands()
    {
        var (_, orderId) = await app.PlaceAwaitingApprovalAsync();

        using var approve = await app.Http.PostAsync($"/api/orders/{orderId}/approve", null);
        using var reject = await app.Http.PostAsync($"/api/orders/{orderId}/reject", null);
        var order = await app.SettledAsync(orderId);

        Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reject.StatusCode);
        Assert.Equal("Confirmed", order.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Approving_twice_is_accepted_twice_and_delivered_once()
    {
        var (_, orderId) = await app.PlaceAwaitingApprovalAsync();

        using var first = await app.Http.PostAsync($"/api/orders/{orderId}/approve", null);
        using var second = await app.Http.PostAsync($"/api/orders/{orderId}/approve", null);
        var order = await app.SettledAsync(orderId);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        Assert.Equal("Confirmed", order.GetProperty("status").GetString());
        // The SDK's raise has no event id: the order notes the decision as delivered, so the repeat raises nothing.
        var history = await app.HistoryAsync(orderId);
        Assert.Single(history.OfType<EventRaisedEvent>());
        Assert.Single(
            history.OfType<TaskScheduledEvent>(),
            e => e.Name == SagaActivities.SetOrderStatus && StatusIn(e.Input) == "Pending");
        Assert.Equal(1, await ChargeAttemptsAsync(orderId));
        AssertLedger(await app.GetJsonAsync($"/api/payments/{orderId}"), "Charged", net: 1200m, ("charge", 1200m));
    }

    private static string? StatusIn(string? setOrderStatusInput) =>
        JsonDocument.Parse(setOrderStatusInput!).RootElement.GetProperty("status").GetString();

    private async Task<int> ChargeAttemptsAsync(string orderId) =>
        (await app.HistoryAsync(orderId))
            .OfType<TaskScheduledEvent>()
            .Count(e => e.Name == SagaActivities.ChargePayment);

    private static void AssertStock(JsonElement stock, long available, long reserved, long sold) =>
        Assert.Equal(
            (available, reserved, sold),
            (
                stock.GetProperty("available").GetInt64(),
                stock.GetProperty("reserved").GetInt64(),
                stock.GetProperty("sold").GetInt64()));

    private static void AssertLedger(
        JsonElement payment,
        string status,
        decimal net,
        params (string Kind, decimal Amount)[] ledger)
    {
        Assert.Equal(status, payment.GetProperty("status").GetString());
        Assert.Equal(net, payment.GetProperty("netAmount").GetDecimal());
        Assert.Equal(
            ledger,
            payment.GetProperty("ledger").EnumerateArray().Select(e => (
                e.GetProperty("kind").GetString()!,
                e.GetProperty("amount").GetDecimal())));
    }
}
