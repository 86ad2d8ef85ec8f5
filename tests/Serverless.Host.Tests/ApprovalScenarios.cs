using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>
/// The scenarios of <see cref="ApprovalTests"/>, run on the default host and on Azure Storage
/// (Azure.AzureApprovalTests).
/// </summary>
public abstract class ApprovalScenarios(HostFixture fixture)
{
    private const decimal UnitPrice = 600.00m;
    private const int Quantity = 2;
    private const decimal Total = UnitPrice * Quantity;

    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task An_order_above_the_threshold_awaits_approval_holding_its_stock_and_charging_nothing()
    {
        var (sku, orderId) = await PlaceLargeOrderAsync("awaiting");

        var order = await _client.WaitUntilNotPendingAsync(orderId);

        Assert.Equal(OrderStatuses.AwaitingApproval, order.Status);
        Assert.Equal(new StockDto(sku, 3, Quantity, 0, UnitPrice), await _client.GetStockAsync(sku));
        Assert.Empty((await _client.GetPaymentAsync(orderId)).Ledger);
    }

    [Fact]
    public async Task Approving_an_order_awaiting_approval_confirms_it_and_charges_its_total()
    {
        var (sku, orderId) = await PlaceLargeOrderAsync("approve");
        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.WaitUntilNotPendingAsync(orderId)).Status);

        using var response = await _client.DecideAsync(orderId, approve: true);
        var accepted = await _client.ExpectAsync<OrderAcceptedDto>(response, HttpStatusCode.Accepted);
        Assert.Equal(orderId, accepted.OrderId);
        var order = await _client.WaitUntilSettledAsync(orderId);

        Assert.Equal(OrderStatuses.Confirmed, order.Status);
        Assert.Equal(new StockDto(sku, 3, 0, Quantity, UnitPrice), await _client.GetStockAsync(sku));
        var payment = await _client.GetPaymentAsync(orderId);
        Assert.Equal(new LedgerEntryDto("charge", Total), Assert.Single(payment.Ledger));
        Assert.Equal(Total, payment.NetAmount);
    }

    [Fact]
    public async Task Rejecting_an_order_awaiting_approval_cancels_it_and_releases_its_stock_without_moving_money()
    {
        var (sku, orderId) = await PlaceLargeOrderAsync("reject");
        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.WaitUntilNotPendingAsync(orderId)).Status);

        using var response = await _client.DecideAsync(orderId, approve: false);
        await _client.ExpectAsync(response, HttpStatusCode.Accepted);
        var order = await _client.WaitUntilSettledAsync(orderId);

        Assert.Equal(OrderStatuses.Cancelled, order.Status);
        Assert.StartsWith("Rejected", order.Reason, StringComparison.Ordinal);
        Assert.Equal(new StockDto(sku, 5, 0, 0, UnitPrice), await _client.GetStockAsync(sku));
        var payment = await _client.GetPaymentAsync(orderId);
        Assert.Empty(payment.Charges);
        Assert.Equal(0m, payment.LedgerNet);
    }

    [Fact]
    public async Task Rejecting_with_a_reason_keeps_the_reason_on_the_cancelled_order()
    {
        var (_, orderId) = await PlaceLargeOrderAsync("reason");
        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.WaitUntilNotPendingAsync(orderId)).Status);

        using var response = await _client.SendAsync(
            HttpMethod.Post,
            $"/api/orders/{orderId}/reject",
            """{"reason":"too big"}""");
        await _client.ExpectAsync(response, HttpStatusCode.Accepted);
        var order = await _client.WaitUntilSettledAsync(orderId);

        Assert.Equal(OrderStatuses.Cancelled, order.Status);
        Assert.Equal("Rejected by the approver: too big", order.Reason);
    }

    [Theory]
    [InlineData("""{"reason":""}""", "reason")]
    [InlineData("""{"reason":" padded "}""", "reason")]
    [InlineData("""{"reason":42}""", "reason")]
    public async Task A_rejection_reason_that_is_empty_padded_too_long_or_not_text_is_refused_and_decides_nothing(
        string body,
        string field)
    {
        var (_, orderId) = await PlaceLargeOrderAsync("badreason");
        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.WaitUntilNotPendingAsync(orderId)).Status);

        using var response = await _client.SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/reject", body);
        var problem = await _client.ExpectAsync(response, HttpStatusCode.BadRequest);
        using var tooLong = await _client.SendAsync(
            HttpMethod.Post,
            $"/api/orders/{orderId}/reject",
            Json.Serialize(new { reason = new string('x', 201) }));
        await _client.ExpectAsync(tooLong, HttpStatusCode.BadRequest);

        Assert.Contains($"\"{field}\"", problem, StringComparison.Ordinal);
        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.GetOrderAsync(orderId)).Status);
        using var approve = await _client.DecideAsync(orderId, approve: true);
        await _client.ExpectAsync(approve, HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Approving_an_order_that_is_not_awaiting_approval_is_a_conflict_and_changes_nothing()
    {
        var sku = TestIds.Sku("small");
        await _client.SetStockAsync(sku, 5, 10.00m);
        var accepted = await _client.PlaceOrderAsync(TestIds.Customer("small"), sku, 1, Tokens.Visa);
        Assert.Equal(OrderStatuses.Confirmed, (await _client.WaitUntilSettledAsync(accepted.OrderId)).Status);

        using var approve = await _client.DecideAsync(accepted.OrderId, approve: true);
        await ProblemAssert.IsProblemAsync(approve, HttpStatusCode.Conflict, _client.Host);
        using var reject = await _client.DecideAsync(accepted.OrderId, approve: false);
        await ProblemAssert.IsProblemAsync(reject, HttpStatusCode.Conflict, _client.Host);

        Assert.Equal(OrderStatuses.Confirmed, (await _client.GetOrderAsync(accepted.OrderId)).Status);
        Assert.Equal(new StockDto(sku, 4, 0, 1, 10.00m), await _client.GetStockAsync(sku));
        Assert.Single((await _client.GetPaymentAsync(accepted.OrderId)).Ledger);
    }

    [Fact]
    public async Task Deciding_on_a_cancelled_order_is_a_conflict()
    {
        var (_, orderId) = await PlaceLargeOrderAsync("decided");
        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.WaitUntilNotPendingAsync(orderId)).Status);
        using (var reject = await _client.DecideAsync(orderId, approve: false))
        {
            await _client.ExpectAsync(reject, HttpStatusCode.Accepted);
        }

        Assert.Equal(OrderStatuses.Cancelled, (await _client.WaitUntilSettledAsync(orderId)).Status);

        using var approve = await _client.DecideAsync(orderId, approve: true);
        await ProblemAssert.IsProblemAsync(approve, HttpStatusCode.Conflict, _client.Host);
        Assert.Equal(OrderStatuses.Cancelled, (await _client.GetOrderAsync(orderId)).Status);
    }

    [Fact]
    public async Task Approving_an_unknown_order_is_not_found()
    {
        using var response = await _client.DecideAsync("ord-" + Guid.NewGuid().ToString("N"), approve: true);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, _client.Host);
    }

    [Fact]
    public async Task Cancelling_an_order_awaiting_approval_releases_its_stock_and_a_second_cancel_changes_nothing()
    {
        var (sku, orderId) = await PlaceLargeOrderAsync("cancel");
        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.WaitUntilNotPendingAsync(orderId)).Status);

        using (var response = await _client.SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/cancel"))
        {
            Assert.Equal(
                orderId,
                (await _client.ExpectAsync<OrderAcceptedDto>(response, HttpStatusCode.Accepted)).OrderId);
        }

        var order = await _client.WaitUntilSettledAsync(orderId);
        using var again = await _client.SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/cancel");

        await _client.ExpectAsync(again, HttpStatusCode.Accepted);
        Assert.Equal((OrderStatuses.Cancelled, "Cancelled by customer."), (order.Status, order.Reason));
        Assert.Equal(new StockDto(sku, 5, 0, 0, UnitPrice), await _client.GetStockAsync(sku));
        Assert.Empty((await _client.GetPaymentAsync(orderId)).Ledger);
    }

    [Fact]
    public async Task Cancelling_a_confirmed_order_is_409_saying_its_payment_was_committed_and_an_unknown_order_is_404()
    {
        var (sku, orderId) = await PlaceLargeOrderAsync("cancel-late");
        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.WaitUntilNotPendingAsync(orderId)).Status);
        using (var approve = await _client.DecideAsync(orderId, approve: true))
        {
            await _client.ExpectAsync(approve, HttpStatusCode.Accepted);
        }

        Assert.Equal(OrderStatuses.Confirmed, (await _client.WaitUntilSettledAsync(orderId)).Status);
        using var response = await _client.SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/cancel");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, _client.Host);
        Assert.StartsWith(
            $"Order {orderId} can no longer be cancelled: its payment was committed at ",
            problem.GetProperty("detail").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(new StockDto(sku, 3, 0, Quantity, UnitPrice), await _client.GetStockAsync(sku));
        using var unknown = await _client.SendAsync(HttpMethod.Post, "/api/orders/ord-unknown-cancel/cancel");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, _client.Host);
    }

    private async Task<(string Sku, string OrderId)> PlaceLargeOrderAsync(string purpose)
    {
        var sku = TestIds.Sku(purpose);
        await _client.SetStockAsync(sku, 5, UnitPrice);
        var accepted = await _client.PlaceOrderAsync(TestIds.Customer(purpose), sku, Quantity, Tokens.Visa);
        return (sku, accepted.OrderId);
    }
}
