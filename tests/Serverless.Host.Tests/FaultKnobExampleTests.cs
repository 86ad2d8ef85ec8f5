using System.Globalization;
using System.Text.RegularExpressions;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>
/// The fault-knob example of docs/api.md runs as written: a host started with exactly the setting the document gives
/// (<c>--Orders:Simulator:RefundFailures=N</c>) and nothing else, so refunds are retried as the default
/// <c>Orders:MustSucceedRetry</c> says (1 s, doubling), shows a <c>tok_decline</c> order <c>Compensating</c> with its
/// attempts and then <c>Cancelled</c>, within the settle deadline. The value is read from the document, so an example
/// that keeps the order compensating for minutes (as N = 10 did, for nearly 13) fails here.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed partial class FaultKnobExampleTests
{
    private const decimal Price = 10.00m;

    [Fact]
    public async Task The_documented_knob_shows_a_declined_order_Compensating_then_Cancelled_keeping_no_money()
    {
        var (setting, failures) = DocumentedKnob();
        await using var host = await HostProcess.StartAsync("fault-knob", [setting]);
        using var client = new HostClient(host);
        var sku = TestIds.Sku("knob");
        await client.SetStockAsync(sku, 5, Price);

        var orderId = (await client.PlaceOrderAsync(TestIds.Customer("knob"), sku, 1, Tokens.Decline)).OrderId;
        var compensating = await client.WaitForOrderAsync(
            orderId,
            o => o.Status == OrderStatuses.Compensating,
            OrderStatuses.Compensating);
        var order = await client.WaitUntilSettledAsync(orderId);

        Assert.Equal("RefundPayment", compensating.Compensation?.Step);
        Assert.InRange(compensating.Compensation!.Attempts, 1, failures);
        Assert.Equal(OrderStatuses.Cancelled, order.Status);
        Assert.StartsWith("Payment declined", order.Reason, StringComparison.Ordinal);
        Assert.Null(order.Compensation);
        Assert.Equal(new StockDto(sku, 5, 0, 0, Price), await client.GetStockAsync(sku));
        var payment = await client.GetPaymentAsync(orderId);
        Assert.Equal(("Declined", 0m, 0m), (payment.Status, payment.Amount, payment.NetAmount));
        Assert.Empty(payment.Ledger);
        // The first N refunds failed and the next went through: N + 1 attempts in the saga's history.
        var history = (await client.WaitForInstanceAsync(orderId, "Completed")).HistoryEvents!;
        Assert.Equal(
            failures + 1,
            history.Count(e => e.EventType == "TaskScheduled" && e.FunctionName == "RefundPayment"));
    }

    /// <summary>The argument docs/api.md tells a reader to start the host with, and its N.</summary>
    private static (string Argument, int Failures) DocumentedKnob()
    {
        var api = File.ReadAllText(RepositoryRoot.Combine("docs", "api.md"));
        var example = KnobExample().Match(api);
        Assert.True(example.Success, "docs/api.md no longer shows `--Orders:Simulator:RefundFailures=N`.");
        return (example.Groups[1].Value, int.Parse(example.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"start the host with `(--Orders:Simulator:RefundFailures=(\d+))`")]
    private static partial Regex KnobExample();
}
