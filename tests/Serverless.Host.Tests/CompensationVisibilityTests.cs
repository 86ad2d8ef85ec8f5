using System.Text.Json;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>
/// A compensation that keeps failing is visible, not just logged, on the real host: the simulator refuses each order's
/// first refunds (<c>--Orders:Simulator:RefundFailures=10</c>, retried every 0.2-0.5 s), so a declined order is
/// <c>Compensating</c> and carries the step, the attempts, the last error and since when; <c>GET
/// /api/orders?status=Compensating</c> lists it; its orchestration's custom status in the management API says the
/// same; all of it clears once the refund goes through. (One class: an in-process copy of these tests in
/// Serverless.Orders.Tests was merged into this one.)
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class CompensationVisibilityTests(CompensationVisibilityTests.FailingRefundsHostFixture fixture)
    : IClassFixture<CompensationVisibilityTests.FailingRefundsHostFixture>
{
    private const int RefundFailures = 10;
    private const int ShownAfter = 3;
    private const string SimulatedRefusal = "The gateway refused the refund (simulated, attempt ";
    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task A_refund_failing_again_and_again_shows_on_the_order_and_in_its_list_then_clears_when_it_succeeds()
    {
        var (sku, orderId) = await PlaceDeclinedOrderAsync();

        var failing = await _client.WaitForOrderAsync(
            orderId, o => o.Compensation is { Attempts: >= ShownAfter }, $"showing {ShownAfter} failed refunds");
        Assert.Equal(OrderStatuses.Compensating, failing.Status);
        Assert.Equal("RefundPayment", failing.Compensation!.Step);
        Assert.StartsWith(SimulatedRefusal, failing.Compensation.LastError, StringComparison.Ordinal);
        Assert.True(failing.Compensation.Since <= DateTimeOffset.UtcNow, $"since {failing.Compensation.Since}");
        Assert.Contains(await _client.ListAllOrdersAsync(OrderStatuses.Compensating), o => o.OrderId == orderId);

        var order = await _client.WaitUntilSettledAsync(orderId);

        Assert.Equal(OrderStatuses.Cancelled, order.Status);
        Assert.StartsWith("Payment declined", order.Reason, StringComparison.Ordinal);
        Assert.Null(order.Compensation);
        Assert.DoesNotContain(await _client.ListAllOrdersAsync(OrderStatuses.Compensating), o => o.OrderId == orderId);
        Assert.Equal(new StockDto(sku, 5, 0, 0, 10.00m), await _client.GetStockAsync(sku));
    }

    [Fact]
    public async Task A_refund_failing_again_and_again_shows_as_the_orchestrations_custom_status_then_clears()
    {
        var (_, orderId) = await PlaceDeclinedOrderAsync();

        // Running answers 202 (as Durable Functions does); read the body whatever the code.
        var shown = await _client.PollAsync(
            async () =>
            {
                var path = $"{HostClient.ManagementPrefix}/{orderId}";
                using var response = await _client.SendAsync(HttpMethod.Get, path);
                return Json.Deserialize<InstanceStatusDto>(await response.Content.ReadAsStringAsync());
            },
            i => i.CustomStatus is { ValueKind: JsonValueKind.Object },
            i => $"Instance {orderId} never showed its compensation: {i}");
        var compensation = shown.CustomStatus!.Value.GetProperty("compensation");
        Assert.Equal("RefundPayment", compensation.GetProperty("step").GetString());
        var lastError = compensation.GetProperty("lastError").GetString();
        Assert.StartsWith(SimulatedRefusal, lastError, StringComparison.Ordinal);
        Assert.True(compensation.GetProperty("attempts").GetInt32() >= 1);

        await _client.WaitUntilSettledAsync(orderId);

        var done = await _client.WaitForInstanceAsync(orderId, "Completed");
        Assert.True(
            done.CustomStatus is null or { ValueKind: JsonValueKind.Null }, $"custom status {done.CustomStatus}");
    }

    // Declined: the saga compensates at once, and the refund (a void: nothing was charged) is refused at first.
    private async Task<(string Sku, string OrderId)> PlaceDeclinedOrderAsync()
    {
        var sku = TestIds.Sku("refund-fails");
        await _client.SetStockAsync(sku, 5, 10.00m);
        var orderId = (await _client.PlaceOrderAsync(TestIds.Customer("refund-fails"), sku, 1, Tokens.Decline)).OrderId;
        return (sku, orderId);
    }

    public sealed class FailingRefundsHostFixture : HostFixture
    {
        protected override string Name => "failing-refunds";

        protected override string[] Arguments =>
        [
            $"--Orders:Simulator:RefundFailures={RefundFailures}",
            "--Orders:MustSucceedRetry:FirstRetryInterval=00:00:00.200",
            "--Orders:MustSucceedRetry:MaxRetryInterval=00:00:00.500",
        ];
    }
}
