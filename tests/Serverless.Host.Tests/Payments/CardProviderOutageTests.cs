using System.Diagnostics;
using System.Globalization;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;
using Serverless.Testing.Payments;
using Xunit.Abstractions;

namespace Serverless.Host.Tests.Payments;

/// <summary>
/// The host with the card gateway against the fake provider (WireMock.Net), 200 orders with a 30-second outage of the
/// provider in the middle (5xx, hangs past the attempt timeout, charges done whose answer comes too late, in turn): 60
/// orders before it, 80 during it, 60 after it. The circuit opens, so the provider hears little of the outage's
/// retries; no order is charged twice; every order settles; and the provider's ledger agrees with the product's.
/// </summary>
[Collection(LoadCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Load)]
public sealed class CardProviderOutageTests(ITestOutputHelper output)
{
    private const decimal UnitPrice = 12.50m;
    private const int Before = 60;
    private const int During = 80;
    private const int After = 60;
    private const int MinimumThroughput = 10;
    private const double FailureRatio = 0.5;
    private const int MaxConcurrency = 8;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Through_an_outage_the_circuit_opens_no_order_is_charged_twice_and_every_order_settles()
    {
        var clock = Stopwatch.StartNew();
        using var provider = FakeCardProvider.Start();
        provider.HangFor = TimeSpan.FromSeconds(5);
        await using var host = await HostProcess.StartAsync(new HostLaunch(Environment: Settings(provider)), "card");
        using var client = new HostClient(host);
        var sku = TestIds.Sku("card-outage");
        await client.SetStockAsync(sku, 2 * (Before + During + After), UnitPrice);

        var orders = await PlaceAsync(client, sku, Before);
        await SettledAsync(client, orders);
        var outageStart = DateTimeOffset.UtcNow;
        var outage = provider.OutageAsync(ProviderFault.Mixed, Outage);
        orders.AddRange(await PlaceAsync(client, sku, During));
        await outage.WithDeadline("the outage ends");
        orders.AddRange(await PlaceAsync(client, sku, After));
        var settled = await SettledAsync(client, orders);

        var calls = provider.Calls;
        var duringOutage = calls.Count(c => c.Fault != ProviderFault.None);
        // Successes still in the circuit's window when the outage began dilute its failures: count them generously.
        var recentSuccesses = calls.Count(c =>
            c.Fault == ProviderFault.None && c.At < outageStart && c.At >= outageStart - (2 * SamplingDuration));
        var bound = Bound(recentSuccesses);
        var outageEnd = outageStart + Outage;
        var answeredTooLate = provider.Charges.Count(c => c.Created >= outageStart && c.Created < outageEnd);
        output.WriteLine(
            $"{orders.Count} orders in {clock.Elapsed.TotalSeconds:0} s; the provider received {calls.Count} calls, " +
            $"{duringOutage} of them during the {Outage.TotalSeconds:0} s outage (bound {bound}, with " +
            $"{recentSuccesses} successes in the circuit's window when it began); {answeredTooLate} charge(s) made " +
            $"during it with the answer too late; {settled.Count(o => o.Status == OrderStatuses.Confirmed)} " +
            "confirmed" + string.Concat(settled.Where(o => o.Status != OrderStatuses.Confirmed)
                .GroupBy(o => o.Reason).Select(g => $", {g.Count()} cancelled ({g.Key})")) + ".");
        Assert.True(
            duringOutage <= bound,
            $"{duringOutage} calls reached the provider during the outage, more than the circuit allows ({bound}).");
        Assert.Contains("OnCircuitOpened", host.Output, StringComparison.Ordinal);
        Assert.All(settled, o => Assert.True(
            o.Status == OrderStatuses.Confirmed
                || (o.Status == OrderStatuses.Cancelled && !string.IsNullOrEmpty(o.Reason)),
            $"Order {o.OrderId}: {o.Status} ({o.Reason})."));
        await AssertLedgersAgreeAsync(client, provider, settled);
    }

    /// <summary>
    /// The most calls an outage of <see cref="Outage"/> can bring to the provider through the circuit. Before it first
    /// opens: the failed attempts it needs (at least <see cref="MinimumThroughput"/> in its window, and as many as the
    /// successes still in it at a failure ratio of 0.5), and the attempts already in flight then (at most the
    /// bulkhead's <see cref="MaxConcurrency"/>). Then one probe per <see cref="BreakDuration"/>, every other call
    /// refused without reaching the provider.
    /// </summary>
    private static int Bound(int recentSuccesses)
    {
        var toOpen = Math.Max(
            MinimumThroughput,
            (int)Math.Ceiling(recentSuccesses * FailureRatio / (1 - FailureRatio)));
        var probes = (int)(Outage / BreakDuration) + 1;
        return toOpen + MaxConcurrency + probes;
    }

    private static async Task AssertLedgersAgreeAsync(
        HostClient client,
        FakeCardProvider provider,
        IReadOnlyList<OrderDto> orders)
    {
        var ids = orders.Select(o => o.OrderId).ToHashSet(StringComparer.Ordinal);
        Assert.All(provider.Charges, c => Assert.Contains(c.OrderId, ids));
        foreach (var order in orders)
        {
            // One charge key per order, and a key never charges twice: one charge at most.
            var charges = provider.ChargesFor(order.OrderId);
            Assert.True(charges.Count <= 1, $"Order {order.OrderId} has {charges.Count} charges at the provider.");
            var charge = charges.SingleOrDefault();
            var kept = charge is { Succeeded: true } ? (charge.Amount - charge.AmountRefunded) / 100m : 0m;
            var payment = await client.GetPaymentAsync(order.OrderId);

            Assert.Equal(order.Status == OrderStatuses.Confirmed ? order.Total : 0m, kept);
            Assert.Equal(kept, payment.NetAmount);
            Assert.Equal(payment.NetAmount, payment.LedgerNet);
            if (order.Status == OrderStatuses.Confirmed)
            {
                Assert.Equal(("Charged", order.Total), (payment.Status, payment.Amount));
            }
        }
    }

    // One order at a time: most have settled by the time their turn comes.
    private static async Task<List<OrderDto>> SettledAsync(HostClient client, IEnumerable<OrderDto> orders)
    {
        var settled = new List<OrderDto>();
        foreach (var order in orders)
        {
            settled.Add(await client.WaitUntilSettledAsync(order.OrderId));
        }

        return settled;
    }

    private static async Task<List<OrderDto>> PlaceAsync(HostClient client, string sku, int count)
    {
        var placed = new OrderDto[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) =>
            {
                var accepted = await client.PlaceOrderAsync(TestIds.Customer("card"), sku, 2, "tok_visa");
                placed[i] = await client.GetOrderAsync(accepted.OrderId);
            });
        return [.. placed];
    }

    private static Dictionary<string, string> Settings(FakeCardProvider provider) => new()
    {
        ["Orders__Payments__Gateway"] = "Card",
        ["Orders__Payments__Card__BaseUrl"] = provider.BaseUrl.ToString(),
        ["Orders__Payments__Card__ApiKey"] = FakeCardProvider.ApiKey,
        ["Orders__Payments__Card__Currency"] = "EUR",
        ["Orders__Payments__Card__AttemptTimeout"] = "00:00:01",
        ["Orders__Payments__Card__TotalTimeout"] = "00:00:10",
        ["Orders__Payments__Card__MaxRetries"] = "1",
        ["Orders__Payments__Card__RetryDelay"] = "00:00:00.100",
        ["Orders__Payments__Card__FailureRatio"] = FailureRatio.ToString(CultureInfo.InvariantCulture),
        ["Orders__Payments__Card__MinimumThroughput"] = MinimumThroughput.ToString(CultureInfo.InvariantCulture),
        ["Orders__Payments__Card__SamplingDuration"] = SamplingDuration.ToString(),
        ["Orders__Payments__Card__BreakDuration"] = BreakDuration.ToString(),
        ["Orders__Payments__Card__MaxConcurrency"] = MaxConcurrency.ToString(CultureInfo.InvariantCulture),
        ["Orders__Payments__VoidGrace"] = "00:00:30",
        // The saga's own retry outlasts the outage: 40 attempts, 1 s doubling to 4 s (2 min and more).
        ["Orders__PaymentRetry__MaxAttempts"] = "40",
        ["Orders__PaymentRetry__FirstRetryInterval"] = "00:00:01",
        ["Orders__PaymentRetry__MaxRetryInterval"] = "00:00:04",
        ["Orders__MustSucceedRetry__MaxRetryInterval"] = "00:00:05",
    };
}
