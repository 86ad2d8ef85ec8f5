using System.Diagnostics;
using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.Recovery;

/// <summary>
/// A batch of small orders on one SKU with plenty of stock, some paid with the slow test token (its charge takes 2 s,
/// so those are surely in flight when a host dies), and the checks every recovery test makes: each order settles once,
/// stock is conserved and each order is charged once.
/// </summary>
internal sealed class RecoveryOrders(HostClient client, string purpose)
{
    public const long Stock = 1_000;
    public const decimal UnitPrice = 10m;

    public string Sku { get; } = TestIds.Sku(purpose);

    public List<string> OrderIds { get; } = [];

    public async Task StockAsync() => await client.SetStockAsync(Sku, Stock, UnitPrice);

    /// <summary>
    /// Places <paramref name="slow"/> slow-paying and <paramref name="fast"/> fast-paying orders of one unit, a few at
    /// a time, through <paramref name="via"/> (this client's host when <see langword="null"/>). The host that accepts
    /// an order is woken in-process for its work, so placing through a host is how a test makes that host hold
    /// messages.
    /// </summary>
    public async Task PlaceAsync(int slow, int fast, HostClient? via = null)
    {
        var placing = via ?? client;
        var tokens = Enumerable.Repeat(Tokens.Slow, slow).Concat(Enumerable.Repeat(Tokens.Visa, fast)).ToList();
        foreach (var chunk in tokens.Chunk(8))
        {
            var accepted = await Task.WhenAll(chunk.Select(token => placing.PlaceOrderAsync(
                TestIds.Customer(purpose),
                Sku,
                1,
                token,
                TestIds.IdempotencyKey(purpose))));
            OrderIds.AddRange(accepted.Select(a => a.OrderId));
        }
    }

    /// <summary>The orders not yet Confirmed or Cancelled.</summary>
    public async Task<List<string>> UnsettledAsync()
    {
        var orders = await Task.WhenAll(OrderIds.Select(client.GetOrderAsync));
        return orders.Where(o => !o.IsSettled).Select(o => o.OrderId).ToList();
    }

    /// <summary>
    /// Polls <paramref name="orderIds"/> until each is settled and returns when each was first seen settled, measured
    /// on <paramref name="since"/>; fails after <paramref name="deadline"/> naming the ones still unsettled.
    /// </summary>
    public async Task<Dictionary<string, TimeSpan>> WaitUntilSettledAsync(
        IReadOnlyCollection<string> orderIds,
        Stopwatch since,
        TimeSpan deadline)
    {
        var settled = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        while (settled.Count < orderIds.Count)
        {
            var pending = orderIds.Where(id => !settled.ContainsKey(id)).ToList();
            var orders = await Task.WhenAll(pending.Select(client.GetOrderAsync));
            var at = since.Elapsed;
            foreach (var order in orders.Where(o => o.IsSettled))
            {
                settled[order.OrderId] = at;
            }

            if (settled.Count < orderIds.Count && since.Elapsed > deadline)
            {
                var left = orders.Where(o => !o.IsSettled).Select(o => $"{o.OrderId} ({o.Status})");
                throw client.Host.Failure($"{orderIds.Count - settled.Count} order(s) were not final {deadline} " +
                    $"after " +
                    $"the restart: {string.Join(", ", left)}.");
            }

            await Task.Delay(50);
        }

        return settled;
    }

    /// <summary>
    /// Every order Confirmed, charged exactly once; the SKU's units all accounted for, one sold per order.
    /// </summary>
    public async Task AssertConfirmedOnceAsync()
    {
        foreach (var orderId in OrderIds)
        {
            var order = await client.GetOrderAsync(orderId);
            Assert.True(order.Status == OrderStatuses.Confirmed, $"Order {orderId} is {order.Status}: {order.Reason}");
            var payment = await client.GetPaymentAsync(orderId);
            Assert.True(
                payment.Charges.Count() == 1 && !payment.Refunds.Any(),
                $"Order {orderId} was charged {payment.Charges.Count()} times and refunded {payment.Refunds.Count()} " +
                    $"times.");
            Assert.Equal(UnitPrice, payment.LedgerNet);
        }

        var stock = await client.GetStockAsync(Sku);
        Assert.Equal((Stock, OrderIds.Count, 0L), (stock.Total, stock.Sold, stock.Reserved));
    }

    /// <summary>The p50 and the maximum of <paramref name="times"/>, in seconds, for the test's output.</summary>
    public static string Describe(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count == 0
            ? "none"
            : $"p50 {sorted[(sorted.Count - 1) / 2].TotalSeconds:0.00} s, max {sorted[^1].TotalSeconds:0.00} s over " +
                $"{sorted.Count} order(s)";
    }

    /// <summary>GET /api/health/details with <paramref name="key"/>.</summary>
    public static async Task<HealthDetailsDto> HealthAsync(HostClient keyed)
    {
        using var response = await keyed.SendAsync(HttpMethod.Get, "api/health/details");
        return await keyed.ExpectAsync<HealthDetailsDto>(response, HttpStatusCode.OK);
    }
}
