using System.Net;
using System.Text.Json;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>
/// A failing compensation is visible on the real host: the simulator refuses each order's first refunds
/// (<c>--Orders:Simulator:RefundFailures=10</c>, retried every 0.2-0.5 s), so a declined order shows
/// <c>Compensating</c> with the step, attempts and last error, on the order, in <c>GET /api/orders?status=Compensating</c>
/// and as the orchestration's custom status in the management API; all of it clears when the refund goes through.
/// </summary>
public sealed class CompensationVisibilityTests(CompensationVisibilityTests.FailingRefundsHostFixture fixture) : IClassFixture<CompensationVisibilityTests.FailingRefundsHostFixture>
{
    private const int RefundFailures = 10;
    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task A_refund_failing_N_times_shows_its_attempts_and_error_then_clears_when_it_succeeds()
    {
        var sku = TestIds.Sku("refund-fails");
        await _client.SetStockAsync(sku, 5, 10.00m);
        var orderId = (await _client.PlaceOrderAsync(TestIds.Customer("refund-fails"), sku, 1, Tokens.Decline)).OrderId;

        var failing = await _client.WaitForOrderAsync(orderId, o => o.Compensation is { Attempts: >= 2 }, "showing two failed refunds");
        Assert.Equal(OrderStatuses.Compensating, failing.Status);
        Assert.Equal("RefundPayment", failing.Compensation!.Step);
        Assert.StartsWith("The gateway refused the refund (simulated, attempt ", failing.Compensation.LastError, StringComparison.Ordinal);
        Assert.Contains(await _client.ListAllOrdersAsync(OrderStatuses.Compensating), o => o.OrderId == orderId);
        // Running answers 202 (as Durable Functions does); read the body whatever the code.
        var shown = await _client.PollAsync(
            async () =>
            {
                using var response = await _client.SendAsync(HttpMethod.Get, $"{HostClient.ManagementPrefix}/{orderId}");
                return Json.Deserialize<InstanceStatusDto>(await response.Content.ReadAsStringAsync());
            },
            i => i.CustomStatus is { ValueKind: JsonValueKind.Object },
            i => $"Instance {orderId} never showed its compensation: {i}");
        var compensation = shown.CustomStatus!.Value.GetProperty("compensation");
        Assert.Equal("RefundPayment", compensation.GetProperty("step").GetString());
        Assert.True(compensation.GetProperty("attempts").GetInt32() >= 1);

        var order = await _client.WaitUntilSettledAsync(orderId);

        Assert.Equal(OrderStatuses.Cancelled, order.Status);
        Assert.StartsWith("Payment declined", order.Reason, StringComparison.Ordinal);
        Assert.Null(order.Compensation);
        Assert.DoesNotContain(await _client.ListAllOrdersAsync(OrderStatuses.Compensating), o => o.OrderId == orderId);
        var done = await _client.WaitForInstanceAsync(orderId, "Completed");
        Assert.True(done.CustomStatus is null or { ValueKind: JsonValueKind.Null }, $"custom status {done.CustomStatus}");
        Assert.Equal(new StockDto(sku, 5, 0, 0, 10.00m), await _client.GetStockAsync(sku));
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
