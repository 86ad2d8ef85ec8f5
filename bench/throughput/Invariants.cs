using System.Globalization;

namespace Serverless.Bench.Throughput;

/// <summary>
/// What must hold after a run: every order accepted and <c>Confirmed</c>; stock conserved per SKU (available + reserved
/// + sold = the stock set, nothing left reserved, sold = the units of the confirmed orders); exactly one charge of the
/// order's total per order and no refund (the payment ledger, <c>GET /api/payments/{id}</c>).
/// </summary>
internal static class Invariants
{
    private const int Concurrency = 16;
    private const int MaxListed = 5;

    public static async Task<List<string>> CheckAsync(
        IOrdersProbe client,
        Placements placements,
        OrderView?[] final,
        long stockPerSku,
        CancellationToken cancellationToken)
    {
        var violations = new List<string>();
        if (placements.RefusedWithoutRetryAfter > 0)
        {
            violations.Add(Inv($"{placements.RefusedWithoutRetryAfter} refusal(s) without Retry-After"));
        }

        if (placements.Failures > 0)
        {
            violations.Add(Inv($"{placements.Failures} POST(s) failed; the first: {placements.FirstFailure}"));
        }

        var notConfirmed = Enumerable.Range(0, placements.Count)
            .Where(slot => placements.OrderIds[slot] is not null && final[slot]?.Status != "Confirmed")
            .ToList();
        if (notConfirmed.Count > 0)
        {
            var examples = notConfirmed.Take(MaxListed).Select(slot =>
                $"{placements.OrderIds[slot]} {final[slot]?.Status ?? "not final"} {final[slot]?.Reason}".TrimEnd());
            violations.Add(Inv($"{notConfirmed.Count} order(s) not Confirmed, e.g. {string.Join("; ", examples)}"));
        }

        for (var i = 0; i < client.Skus.Count; i++)
        {
            var sku = client.Skus[i];
            var stock = await client.GetStockAsync(sku, cancellationToken);
            var confirmedUnits = Enumerable.Range(0, placements.Count)
                .Count(slot => slot % client.Skus.Count == i
                    && final[slot]?.Status == "Confirmed") * (long)OrdersClient.Quantity;
            if (stock.Available + stock.Reserved + stock.Sold != stockPerSku
                || stock.Reserved != 0
                || stock.Sold != confirmedUnits)
            {
                var units = Inv($"available {stock.Available} + reserved {stock.Reserved} + sold {stock.Sold}");
                var expected = Inv($"set {stockPerSku}, confirmed units {confirmedUnits}");
                violations.Add(Inv($"stock of {sku} not conserved: {units}, {expected}"));
            }
        }

        var charged = new List<string>();
        var confirmed = Enumerable.Range(0, placements.Count)
            .Where(slot => final[slot]?.Status == "Confirmed")
            .ToList();
        await Parallel.ForEachAsync(
            confirmed,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (slot, token) =>
            {
                var order = final[slot]!;
                var payment = await client.GetPaymentAsync(order.OrderId, token);
                var charges = payment.Ledger.Count(e => e.Kind == "charge");
                var refunds = payment.Ledger.Count(e => e.Kind == "refund");
                if (payment.Status != "Charged"
                    || charges != 1
                    || refunds != 0
                    || payment.Ledger.Single(e => e.Kind == "charge").Amount != order.Total)
                {
                    var ledger = Inv($"{charges} charge(s), {refunds} refund(s)");
                    lock (charged)
                    {
                        charged.Add(Inv($"{order.OrderId}: {payment.Status}, {ledger}, total {order.Total}"));
                    }
                }
            });
        if (charged.Count > 0)
        {
            var listed = string.Join("; ", charged.Take(MaxListed));
            violations.Add(Inv($"{charged.Count} order(s) without exactly one charge of their total, e.g. {listed}"));
        }

        return violations;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
