using System.Diagnostics;
using Serverless.Host.Tests.Load;
using Serverless.Host.Tests.Support;
using Xunit.Abstractions;

namespace Serverless.Host.Tests;

/// <summary>
/// The load of <see cref="LoadInvariantTests"/> with the host killed by SIGKILL twice while requests and sagas are in
/// flight, and restarted on the same data directory. Clients retry failed calls with the same <c>Idempotency-Key</c>.
/// </summary>
/// <remarks>
/// The host runs with a 10 s visibility timeout (<c>--Durable:VisibilityTimeout=00:00:10</c>, default 5 min) so that
/// the messages a killed host had received come back within the test's time budget; and a 5 s sweep (default 30 s).
/// </remarks>
[Collection(LoadCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Load)]
public sealed class KillNineTests(ITestOutputHelper output)
{
    private static readonly string[] RecoveryArguments =
    [
        "--Durable:VisibilityTimeout=00:00:10",
        "--Durable:SweepInterval=00:00:05",
        "--Durable:SweepGrace=00:00:05",
    ];

    [Fact]
    public async Task After_two_kill_9s_under_load_every_accepted_order_settles_once_and_the_invariants_hold()
    {
        await using var host = await HostProcess.StartAsync("kill9", RecoveryArguments);
        var plan = LoadPlan.Create(LoadInvariantTests.Orders);
        using var driver = new LoadDriver(host, plan, survivesOutages: true, LoadInvariantTests.Deadline);
        var clock = Stopwatch.StartNew();
        using (var client = new HostClient(host))
        {
            foreach (var sku in plan.Skus)
            {
                await client.SetStockAsync(sku.Sku, sku.Stock, sku.UnitPrice);
            }
        }

        using var stopMonitor = new CancellationTokenSource();
        var monitor = driver.MonitorStockAsync(stopMonitor.Token);
        var placing = driver.PlaceAllAsync(LoadInvariantTests.Clients);
        await KillAndRestartWhenAcceptedAsync(host, driver, placing, 150, clock);
        await KillAndRestartWhenAcceptedAsync(host, driver, placing, 350, clock);
        await placing;
        output.WriteLine($"{driver.Accepted.Count} orders accepted after {clock.Elapsed} ({driver.Retries} calls " +
            $"retried)");
        await driver.DecisionsAsync();
        var orders = await driver.WaitUntilSettledAsync();
        output.WriteLine($"settled after {clock.Elapsed}");
        await stopMonitor.CancelAsync();
        await monitor;

        var outcome = await LoadInvariants.VerifyAsync(driver, plan, orders, host, allowDuplicateEvents: true);

        output.WriteLine($"{outcome}; host ran {host.Runs} times; {driver.StockSamples} stock samples; verified " +
            $"after " +
            $"{clock.Elapsed}");
        Assert.Equal(3, host.Runs);
        outcome.AssertEveryPathTaken();
    }

    /// <summary>
    /// Once <paramref name="accepted"/> orders were accepted (clients still sending), SIGKILLs the host and restarts
    /// it.
    /// </summary>
    private async Task KillAndRestartWhenAcceptedAsync(
        HostProcess host,
        LoadDriver driver,
        Task placing,
        int accepted,
        Stopwatch clock)
    {
        var deadline = DateTime.UtcNow + LoadInvariantTests.Deadline;
        while (driver.Accepted.Count < accepted)
        {
            if (placing.IsCompleted)
            {
                await placing;
                throw host.Failure($"The clients finished with {driver.Accepted.Count} orders accepted, before the " +
                    $"kill planned at {accepted}.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw host.Failure($"Only {driver.Accepted.Count} orders were accepted within " +
                    $"{LoadInvariantTests.Deadline}.");
            }

            await Task.Delay(10);
        }

        await host.KillAsync();
        output.WriteLine($"killed at {clock.Elapsed} with {driver.Accepted.Count} orders accepted");
        await host.RestartAsync();
        output.WriteLine($"restarted at {clock.Elapsed}");
    }
}
