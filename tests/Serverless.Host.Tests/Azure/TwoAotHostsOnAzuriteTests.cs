using System.Diagnostics;
using System.Globalization;
using System.Text;
using Serverless.Durable;
using Serverless.Host.Tests.Load;
using Serverless.Host.Tests.Support;
using Serverless.Testing.Azurite;
using Xunit.Abstractions;

namespace Serverless.Host.Tests.Azure;

/// <summary>
/// Two processes of the Native AOT host (the Azure build, <c>-p:Cloud=Azure</c>) on one storage account (a private
/// Azurite) share the work of the load of <see cref="LoadInvariantTests"/> (smaller): the clients call the first, both
/// run sagas and activities from the same queues, and the second is killed with SIGKILL half-way and not restarted.
/// What it had received comes back to the queues after the visibility timeout and the first finishes it.
/// </summary>
/// <remarks>
/// 10 s visibility timeout and a 5 s sweep, as in <see cref="KillNineTests"/>, so the killed host's messages return
/// within the budget.
/// </remarks>
[Collection(LoadCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Azurite)]
[Trait(Tier.Trait, Tier.Publish)]
[Trait(Tier.Trait, Tier.Load)]
public sealed class TwoAotHostsOnAzuriteTests(
    AzureAotPublishFixture publish,
    AzuriteFixture azurite,
    ITestOutputHelper output)
    : IClassFixture<AzureAotPublishFixture>, IClassFixture<AzuriteFixture>
{
    public const int Orders = 300;
    public const int Clients = 30;

    /// <summary>Twice the SQLite load's budget: each storage call is an HTTP round trip to Azurite.</summary>
    public static readonly TimeSpan Deadline = LoadInvariantTests.Deadline * 2;

    private static readonly string[] Arguments =
    [
        "--Durable:VisibilityTimeout=00:00:10",
        "--Durable:SweepInterval=00:00:05",
        "--Durable:SweepGrace=00:00:05",
        // Each committed episode is logged at Debug: how the test sees that the second host did its share.
        "--Logging:LogLevel:Serverless.Durable=Debug",
    ];

    [Fact]
    public async Task Two_AOT_hosts_on_one_Azurite_settle_300_orders_with_one_killed_half_way_and_the_invariants_hold()
    {
        Assert.True(publish.Result.ExitCode == 0 && File.Exists(publish.Executable), publish.Report);
        var launch = new HostLaunch(
            publish.Executable,
            new Dictionary<string,
            string> { ["AzureWebJobsStorage"] = azurite.ConnectionString });
        await using var front = await HostProcess.StartAsync(launch, "azure-front", Arguments);
        await using var second = await HostProcess.StartAsync(launch, "azure-second", Arguments);
        try
        {
            await RunAsync(front, second, azurite, output);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw front.Failure($"{e}\n--- second host, last lines ---\n{second.Tail(40)}\n--- Azurite " +
                $"---\n{azurite.Instance.Output}");
        }
    }

    private static async Task RunAsync(
        HostProcess front, HostProcess second, AzuriteFixture azurite, ITestOutputHelper output)
    {
        var plan = LoadPlan.Create(Orders);
        // Clients retry (same Idempotency-Key) through timeouts: every call goes through Azurite, one Node process, and
        // on a busy machine one can take longer than the client's 30 s. The invariants still see every effect.
        using var driver = new LoadDriver(front, plan, survivesOutages: true, Deadline)
        {
            DescribeUnsettled = ids => InstanceRowsAsync(azurite, ids),
        };
        var clock = Stopwatch.StartNew();
        using (var client = new HostClient(front))
        {
            foreach (var sku in plan.Skus)
            {
                await client.SetStockAsync(sku.Sku, sku.Stock, sku.UnitPrice);
            }
        }

        using (var client = new HostClient(second))
        {
            // The second host reads what the first wrote: one storage account, not two.
            Assert.Equal(plan.Skus[0].Stock, (await client.GetStockAsync(plan.Skus[0].Sku)).Available);
        }

        using var stopMonitor = new CancellationTokenSource();
        var monitor = driver.MonitorStockAsync(stopMonitor.Token);
        var placing = driver.PlaceAllAsync(Clients);
        await KillWhenAcceptedAsync(second, driver, placing, Orders / 2, clock, output);
        await placing;
        output.WriteLine($"{driver.Accepted.Count} orders accepted after {clock.Elapsed}");
        await driver.DecisionsAsync();
        var orders = await driver.WaitUntilSettledAsync();
        output.WriteLine($"settled after {clock.Elapsed}");
        await stopMonitor.CancelAsync();
        await monitor;

        var outcome = await LoadInvariants.VerifyAsync(driver, plan, orders, front, allowDuplicateEvents: true);

        var episodesOfSecond = Count(second.Tail(20_000), "committed:");
        output.WriteLine($"{outcome}; the second host committed {episodesOfSecond} episodes before it was killed; " +
            $"verified after {clock.Elapsed}");
        Assert.False(second.IsRunning);
        Assert.True(
            episodesOfSecond > 0,
            second.Failure("The second host committed no episode: it did not share the work.").Message);
        outcome.AssertEveryPathTaken();
    }

    private static async Task KillWhenAcceptedAsync(
        HostProcess host,
        LoadDriver driver,
        Task placing,
        int accepted,
        Stopwatch clock,
        ITestOutputHelper output)
    {
        var deadline = DateTime.UtcNow + Deadline;
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
                throw host.Failure($"Only {driver.Accepted.Count} orders were accepted within {Deadline}.");
            }

            await Task.Delay(10);
        }

        await host.KillAsync();
        output.WriteLine($"killed the second host at {clock.Elapsed} with {driver.Accepted.Count} orders accepted");
    }

    /// <summary>Each instance's rows but its history, each row's key and properties on one line.</summary>
    private static async Task<string> InstanceRowsAsync(AzuriteFixture azurite, IReadOnlyList<string> instanceIds)
    {
        var instances = AzuriteStorage.CreateProvider(azurite, prefix: "")
            .GetTable(new DurableTaskOptions().TaskHub + "Instances");
        var lines = new StringBuilder();
        foreach (var id in instanceIds)
        {
            lines.AppendLine(CultureInfo.InvariantCulture, $"--- partition {id} ---");
            foreach (var row in await instances.QueryPartitionAsync(id))
            {
                var properties = row.RowKey.StartsWith("history:", StringComparison.Ordinal)
                    ? "(history)"
                    : string.Join(", ", row.Properties.Select(p => $"{p.Key}={p.Value}"));
                lines.AppendLine(CultureInfo.InvariantCulture, $"{row.RowKey}: {properties}");
            }
        }

        return lines.ToString();
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(
            value,
            at + value.Length,
            StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
