using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.Load;

/// <summary>
/// The orders of a load run, fixed by a seed: four everyday SKUs whose stock runs out before the orders do (each
/// stocked with two thirds of what the orders ask of it, at most 500), and one luxury SKU whose orders (3 × 450.00)
/// exceed the 1000.00 approval threshold and are approved or rejected in turn. Tokens: 70% <c>tok_visa</c>, 15%
/// <c>tok_decline</c>, 15% <c>tok_transient</c>.
/// </summary>
public sealed class LoadPlan
{
    private LoadPlan(IReadOnlyList<PlannedSku> skus, IReadOnlyList<PlannedOrder> orders)
    {
        Skus = skus;
        Orders = orders;
    }

    public IReadOnlyList<PlannedSku> Skus { get; }

    public IReadOnlyList<PlannedOrder> Orders { get; }

    public static LoadPlan Create(int orderCount, int seed = 20_261_123)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var everyday = new[] { $"load-{run}-a", $"load-{run}-b", $"load-{run}-c", $"load-{run}-d" };
        var prices = new[] { 4.50m, 7.25m, 12.00m, 19.99m };
        var luxury = new PlannedSku($"load-{run}-lux", 30, 450.00m);
        var random = new Random(seed);
        var orders = new List<PlannedOrder>(orderCount);
        var approvals = 0;
        for (var i = 0; i < orderCount; i++)
        {
            var key = $"load-{run}-order-{i:D4}";
            var customer = $"load-{run}-customer-{i:D4}";
            if (i % 25 == 12)
            {
                var decision = approvals++ % 2 == 0 ? Decision.Approve : Decision.Reject;
                orders.Add(new PlannedOrder(i, key, customer, [new OrderLine(luxury.Sku, 3)], Tokens.Visa, decision));
                continue;
            }

            var lines = everyday.OrderBy(_ => random.Next())
                .Take(random.Next(1, 4))
                .Select(sku => new OrderLine(sku, random.Next(1, 5)))
                .ToList();
            var roll = random.NextDouble();
            var token = roll < 0.70 ? Tokens.Visa : roll < 0.85 ? Tokens.Decline : Tokens.Transient;
            orders.Add(new PlannedOrder(i, key, customer, lines, token, Decision.None));
        }

        // Each everyday SKU's stock falls short of what the orders ask of it, by more than the declined orders give
        // back, so some orders find it out of stock whatever the order in which the sagas reserve (a run of any size).
        var stocked = everyday.Select((sku, i) => new PlannedSku(
            sku,
            Math.Min(500, Demand(orders, sku) * 2 / 3),
            prices[i]));
        return new LoadPlan([.. stocked, luxury], orders);
    }

    private static long Demand(List<PlannedOrder> orders, string sku) =>
        orders.SelectMany(o => o.Lines).Where(l => l.Sku == sku).Sum(l => (long)l.Quantity);
}
