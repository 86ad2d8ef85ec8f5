using System.Diagnostics;
using Serverless.Host.Tests.Support;
using Xunit.Abstractions;

namespace Serverless.Host.Tests.Recovery;

/// <summary>
/// Two host processes on one SQLite file share the orders; one is killed with SIGKILL while it holds work and is not
/// restarted. The survivor notices within a heartbeat that the other's process is gone and finishes its orders.
/// Default visibility timeout (5 min) and sweep (30 s), as in <see cref="KillAndRestartRecoveryTests"/>.
/// </summary>
[Collection(LoadCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
public sealed class TwoHostsOneKilledTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_survivor_of_two_hosts_on_one_store_finishes_the_orders_long_before_their_visibility_timeout()
    {
        await using var survivor = await HostProcess.StartAsync("recovery-survivor");
        await using var doomed = await HostProcess.StartAsync("recovery-doomed", "--data-dir", survivor.DataDirectory);
        await KillOneAndRecoverAsync(survivor, doomed, slow: 16, fast: 8, output, placeThroughDoomed: true);
    }

    /// <summary>
    /// Places orders through <paramref name="survivor"/> (or <paramref name="doomed"/>), kills
    /// <paramref name="doomed"/> once it holds messages, and checks that every order in flight is final well within the
    /// visibility timeout, charged once, with stock conserved.
    /// </summary>
    /// <param name="placeThroughDoomed">
    /// Place the orders through the host to be killed. The accepting host is woken in-process and takes its work before
    /// the other's next poll (an idle host polls every 10 s at most), so orders placed through the survivor may never
    /// reach the doomed host.
    /// </param>
    internal static async Task KillOneAndRecoverAsync(
        HostProcess survivor,
        HostProcess doomed,
        int slow,
        int fast,
        ITestOutputHelper output,
        bool placeThroughDoomed = false)
    {
        using var client = new HostClient(survivor);
        using var doomedClient = new HostClient(doomed);
        var orders = new RecoveryOrders(client, "two-hosts");
        await orders.StockAsync();
        Assert.Equal(RecoveryOrders.Stock, (await doomedClient.GetStockAsync(orders.Sku)).Available);

        await orders.PlaceAsync(slow, fast, via: placeThroughDoomed ? doomedClient : null);
        // Asked of the doomed host itself: it knows everything it holds (on Azure, others see only what a worker held
        // past a renewal).
        var doomedWorker = await doomedClient.PollAsync(
            async () => (await RecoveryOrders.HealthAsync(doomedClient)).Workers.FirstOrDefault(w =>
                w.ProcessId == doomed.ProcessId),
            worker => worker is { HeldMessages: > 0 } or { ClaimedActivities: > 0 },
            worker => $"The second host never held a message or ran an activity on a claim (last seen: {worker}).");
        var inFlight = await orders.UnsettledAsync();
        await doomed.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        var settled = await orders.WaitUntilSettledAsync(inFlight, sinceKill, KillAndRestartRecoveryTests.PollDeadline);

        output.WriteLine($"the second host held {doomedWorker!.HeldMessages} message(s) and ran " +
            $"{doomedWorker.ClaimedActivities} activity(ies) on claims; {inFlight.Count} orders in " +
            $"flight at the kill; final after it: {RecoveryOrders.Describe(settled.Values)}");
        Assert.Contains(
            $"Worker {doomedWorker.WorkerId} is dead (process exited)",
            survivor.Tail(20_000),
            StringComparison.Ordinal);
        await orders.AssertConfirmedOnceAsync();
        var workers = (await RecoveryOrders.HealthAsync(client)).Workers;
        Assert.Equal([survivor.ProcessId], workers.Select(w => w.ProcessId));
    }
}
