using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;
using Xunit.Abstractions;

namespace Serverless.Host.Tests.Upgrade;

/// <summary>
/// A rolling upgrade on one SQLite file: a host at saga version 1.0 (Strict, Reject: it runs only 1.0 instances and
/// leaves the rest) takes the first half of 200 orders; a host at 2.0 (CurrentOrOlder, Reject: host.json's) starts
/// beside it and takes the second half; the 1.0 host stops half-way through that. The 1.0 host is this build with
/// <c>Durable__DefaultVersion=1.0</c>: version 1.0's logic is the previous release's, which the golden histories prove
/// replays unchanged. Every order settles on its own version's logic (2.0 screens orders above 500.00 for fraud, 1.0
/// does not), the orders awaiting approval at the stop finish on the 2.0 host, each is charged at most once, and no
/// instance fails for its version.
/// </summary>
[Collection(LoadCollection.Name)]
[Trait(Tier.Trait, Tier.Load)]
public sealed class RollingUpgradeTests(ITestOutputHelper output)
{
    private const int Orders = 200;
    private const decimal UnitPrice = 300.00m;
    private const long Stock = 10_000;

    [Fact]
    public async Task Orders_started_across_a_rolling_upgrade_settle_on_their_own_versions_logic_and_none_fails()
    {
        await using var v1 = await HostProcess.StartAsync(Launch("1.0", "Strict"), "upgrade-v1");
        using var v1Client = new HostClient(v1);
        var sku = TestIds.Sku("rolling");
        await v1Client.SetStockAsync(sku, Stock, UnitPrice);
        var placed = new List<PlacedOrder>();
        for (var i = 0; i < Orders / 2; i++)
        {
            placed.Add(await PlaceAsync(v1Client, sku, i, v2: false));
        }

        await using var v2 = await HostProcess.StartAsync(
            Launch("2.0", "CurrentOrOlder"), "upgrade-v2", "--data-dir", v1.DataDirectory);
        using var v2Client = new HostClient(v2);
        for (var i = Orders / 2; i < Orders; i++)
        {
            if (i == Orders * 3 / 4)
            {
                Assert.Equal(0, await v1.StopAsync(TimeSpan.FromSeconds(60)));
            }

            placed.Add(await PlaceAsync(v2Client, sku, i, v2: true));
        }

        foreach (var order in placed.Where(o => o.Kind == OrderKind.Large))
        {
            var seen = await v2Client.WaitUntilNotPendingAsync(order.OrderId);
            Assert.True(
                seen.Status == OrderStatuses.AwaitingApproval,
                $"{order} is {seen.Status}, not awaiting approval.");
            using var response = await v2Client.DecideAsync(order.OrderId, approve: true);
            await v2Client.ExpectAsync<OrderAcceptedDto>(response, HttpStatusCode.Accepted);
        }

        long confirmedUnits = 0;
        foreach (var order in placed)
        {
            var settled = await v2Client.WaitUntilSettledAsync(order.OrderId);
            Assert.True(settled.Status == order.ExpectedStatus, $"{order} settled {settled.Status}: {settled.Reason}");
            var ledger = (await v2Client.GetPaymentAsync(order.OrderId)).Ledger;
            Assert.True(
                ledger.Count(e => e.Kind == "charge") == (order.ExpectedStatus == OrderStatuses.Confirmed ? 1 : 0),
                $"{order}: ledger {string.Join(", ", ledger)}");
            Assert.True(
                await ScreensOfAsync(v2Client, order.OrderId) == (order.Screened ? 1 : 0),
                $"{order} was screened against its version's logic.");
            confirmedUnits += order.ExpectedStatus == OrderStatuses.Confirmed ? order.Quantity : 0;
        }

        Assert.Empty(await v2Client.ListInstancesAsync("Failed"));
        Assert.Equal(new StockDto(sku, Stock - confirmedUnits, 0, confirmedUnits, UnitPrice),
            await v2Client.GetStockAsync(sku));
        output.WriteLine(
            $"1.0 host left {Mismatches(v1)} work item(s) for another worker; 2.0 host left {Mismatches(v2)}.");
        Assert.Equal(0, Mismatches(v2));
    }

    private static HostLaunch Launch(string version, string matchStrategy) =>
        new(Environment: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Durable__DefaultVersion"] = version,
            ["Durable__VersionMatchStrategy"] = matchStrategy,
            ["Durable__VersionFailureStrategy"] = "Reject",
        });

    /// <summary>
    /// Every fourth order pays with the high-risk token (600.00: above the screen threshold), every fourth from the
    /// second needs approval (1,200.00, screened and passed on 2.0), the rest are small (300.00, never screened).
    /// </summary>
    private static async Task<PlacedOrder> PlaceAsync(HostClient client, string sku, int index, bool v2)
    {
        var kind = (index % 4) switch
        {
            0 => OrderKind.Risky,
            1 => OrderKind.Large,
            _ => OrderKind.Small,
        };
        var (quantity, token) = kind switch
        {
            OrderKind.Risky => (2, Tokens.HighRisk),
            OrderKind.Large => (4, Tokens.Visa),
            _ => (1, Tokens.Visa),
        };
        var accepted = await client.PlaceOrderAsync(TestIds.Customer($"rolling-{index}"), sku, quantity, token);
        return new PlacedOrder(accepted.OrderId, kind, quantity, v2);
    }

    private static int Mismatches(HostProcess host) =>
        host.Output.Split('\n').Count(line => line.Contains("is left for another worker", StringComparison.Ordinal));

    private static async Task<int> ScreensOfAsync(HostClient client, string orderId) =>
        (await client.WaitForInstanceAsync(orderId, "Completed")).HistoryEvents!
            .Count(e => e.EventType == "TaskScheduled" && e.FunctionName == "ScreenOrder");

    private enum OrderKind
    {
        Risky,
        Large,
        Small,
    }

    private sealed record PlacedOrder(string OrderId, OrderKind Kind, int Quantity, bool V2)
    {
        public bool Screened => V2 && Kind != OrderKind.Small;

        public string ExpectedStatus =>
            V2 && Kind == OrderKind.Risky ? OrderStatuses.Cancelled : OrderStatuses.Confirmed;
    }
}
