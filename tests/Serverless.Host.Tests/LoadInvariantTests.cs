using System.Diagnostics;
using Serverless.Host.Tests.Load;
using Serverless.Host.Tests.Support;
using Xunit.Abstractions;

namespace Serverless.Host.Tests;

/// <summary>500 orders from 50 concurrent clients against limited stock, on a host of their own.</summary>
[Collection(LoadCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Load)]
public sealed class LoadInvariantTests(ITestOutputHelper output)
{
    public const int Orders = 500;
    public const int Clients = 50;
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Under_load_every_order_settles_no_stock_is_oversold_or_lost_and_money_matches_each_outcome()
    {
        await using var host = await HostProcess.StartAsync("load");
        var plan = LoadPlan.Create(Orders);
        using var driver = new LoadDriver(host, plan, survivesOutages: false, Deadline);
        var clock = Stopwatch.StartNew();
        var client = new HostClient(host);
        using (client)
        {
            foreach (var sku in plan.Skus)
            {
                await client.SetStockAsync(sku.Sku, sku.Stock, sku.UnitPrice);
            }
        }

        using var stopMonitor = new CancellationTokenSource();
        var monitor = driver.MonitorStockAsync(stopMonitor.Token);
        await driver.PlaceAllAsync(Clients);
        output.WriteLine($"{driver.Accepted.Count} orders accepted after {clock.Elapsed}");
        await driver.DecisionsAsync();
        var orders = await driver.WaitUntilSettledAsync();
        output.WriteLine($"settled after {clock.Elapsed}");
        await stopMonitor.CancelAsync();
        await monitor;

        var outcome = await LoadInvariants.VerifyAsync(driver, plan, orders, host, allowDuplicateEvents: false);

        output.WriteLine($"{outcome}; {driver.StockSamples} stock samples; verified after {clock.Elapsed}");
        outcome.AssertEveryPathTaken();
    }
}
