using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>
/// No order is orphaned, end to end on the real host: an order awaiting approval whose orchestration an operator
/// terminates (and then purges) through the management API is found by the background reconciler, its stock released
/// and the order cancelled with a reason saying what happened. The host runs a pass every 0.5 s with no grace period.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class ReconciliationTests(ReconciliationTests.FastReconcilerHostFixture fixture)
    : IClassFixture<ReconciliationTests.FastReconcilerHostFixture>
{
    private const decimal UnitPrice = 600.00m;
    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task Terminating_the_orchestration_of_an_order_awaiting_approval_cancels_it_and_releases_its_stock()
    {
        var (sku, orderId) = await PlaceAwaitingApprovalAsync("terminated");

        await TerminateAsync(orderId, "fraud");
        var order = await _client.WaitUntilSettledAsync(orderId);

        Assert.Equal(
            (OrderStatuses.Cancelled, "Orchestration terminated by an operator: fraud"),
            (order.Status, order.Reason));
        Assert.Equal(new StockDto(sku, 5, 0, 0, UnitPrice), await _client.GetStockAsync(sku));
        Assert.Equal(0m, (await _client.GetPaymentAsync(orderId)).LedgerNet);
        using var approve = await _client.DecideAsync(orderId, approve: true);
        var problem = await ProblemAssert.IsProblemAsync(approve, HttpStatusCode.Conflict, _client.Host);
        Assert.Equal(
            $"Order {orderId} is Cancelled, not AwaitingApproval; only an order awaiting approval can be approved or " +
                $"rejected.",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Purging_the_orchestration_of_an_order_awaiting_approval_cancels_it_and_releases_its_stock()
    {
        var (sku, orderId) = await PlaceAwaitingApprovalAsync("purged");
        // A purge applies to a finished instance only; the reconciler may also cancel the order in between (reason:
        // terminated).
        await TerminateAsync(orderId, "purge me");
        using (var purge = await _client.SendAsync(HttpMethod.Delete, $"{HostClient.ManagementPrefix}/{orderId}"))
        {
            await _client.ExpectAsync(purge, HttpStatusCode.OK);
        }

        var order = await _client.WaitUntilSettledAsync(orderId);

        Assert.Equal(OrderStatuses.Cancelled, order.Status);
        Assert.StartsWith("Orchestration ", order.Reason, StringComparison.Ordinal);
        Assert.Equal(new StockDto(sku, 5, 0, 0, UnitPrice), await _client.GetStockAsync(sku));
        Assert.Equal(0m, (await _client.GetPaymentAsync(orderId)).LedgerNet);
    }

    private async Task<(string Sku, string OrderId)> PlaceAwaitingApprovalAsync(string purpose)
    {
        var sku = TestIds.Sku(purpose);
        await _client.SetStockAsync(sku, 5, UnitPrice);
        var accepted = await _client.PlaceOrderAsync(TestIds.Customer(purpose), sku, 2, Tokens.Visa);
        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.WaitUntilNotPendingAsync(accepted.OrderId)).Status);
        return (sku, accepted.OrderId);
    }

    private async Task TerminateAsync(string orderId, string reason)
    {
        using var response = await _client.SendAsync(
            HttpMethod.Post,
            $"{HostClient.ManagementPrefix}/{orderId}/terminate?reason={Uri.EscapeDataString(reason)}");
        await _client.ExpectAsync(response, HttpStatusCode.Accepted);
        await _client.WaitForInstanceAsync(orderId, "Terminated");
    }

    public sealed class FastReconcilerHostFixture : HostFixture
    {
        protected override string Name => "reconciliation";

        protected override string[] Arguments =>
            ["--Orders:Reconciliation:Interval=00:00:00.500", "--Orders:Reconciliation:GracePeriod=00:00:00"];
    }
}
