using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>A host whose approval timeout is 3 s (<c>--Orders:ApprovalTimeout=00:00:03</c>).</summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class ApprovalTimeoutTests(ApprovalTimeoutTests.ShortTimeoutHostFixture fixture)
    : IClassFixture<ApprovalTimeoutTests.ShortTimeoutHostFixture>
{
    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task An_order_nobody_approves_in_time_is_cancelled_and_its_stock_released_without_moving_money()
    {
        var sku = TestIds.Sku("timeout");
        await _client.SetStockAsync(sku, 4, 700.00m);
        var accepted = await _client.PlaceOrderAsync(TestIds.Customer("timeout"), sku, 2, Tokens.Visa);

        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.WaitUntilNotPendingAsync(accepted.OrderId)).Status);
        var order = await _client.WaitUntilSettledAsync(accepted.OrderId);

        Assert.Equal(OrderStatuses.Cancelled, order.Status);
        Assert.StartsWith("Approval timed out", order.Reason, StringComparison.Ordinal);
        Assert.Equal(new StockDto(sku, 4, 0, 0, 700.00m), await _client.GetStockAsync(sku));
        var payment = await _client.GetPaymentAsync(accepted.OrderId);
        Assert.Empty(payment.Charges);
        Assert.Equal(0m, payment.LedgerNet);
    }

    public sealed class ShortTimeoutHostFixture : HostFixture
    {
        protected override string Name => "approval-timeout";

        protected override string[] Arguments => ["--Orders:ApprovalTimeout=00:00:03"];
    }
}
