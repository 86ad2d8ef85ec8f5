using System.Diagnostics;
using Serverless.Host.Tests.Support;
using Xunit.Abstractions;

namespace Serverless.Host.Tests.Recovery;

/// <summary>
/// The host killed with SIGKILL while orders are in flight and restarted at once: the restarted host sees at start-up
/// that its predecessor's process is gone and makes what it held visible again, so the in-flight orders finish in
/// seconds. The host runs with the default visibility timeout (5 min) and sweep (30 s): without worker leases those
/// orders would wait minutes (the wait for them fails after <see cref="PollDeadline"/>).
/// </summary>
[Collection(LoadCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
public sealed class KillAndRestartRecoveryTests(ITestOutputHelper output)
{
    /// <summary>
    /// How long every order in flight may take to be final: a fifth of the 5-minute visibility timeout that, without
    /// the lease release, would keep what the dead worker held hidden. Recovery itself takes seconds (the test prints
    /// how many; the README quotes them); a tight bound here would be a timing assertion that fails on a slow machine.
    /// </summary>
    public static readonly TimeSpan PollDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_kill_9_a_restart_finishes_every_order_charged_once_long_before_its_visibility_timeout()
    {
        await using var host = await HostProcess.StartAsync("recovery-restart");
        using var client = new HostClient(host);
        var orders = new RecoveryOrders(client, "restart");
        await orders.StockAsync();
        await orders.PlaceAsync(slow: 12, fast: 12);

        var inFlight = await orders.UnsettledAsync();
        await host.KillAsync();
        await host.RestartAsync();
        var sinceRestart = Stopwatch.StartNew();
        var settled = await orders.WaitUntilSettledAsync(inFlight, sinceRestart, PollDeadline);

        output.WriteLine($"{inFlight.Count} of {orders.OrderIds.Count} orders in flight at the kill; final after the " +
            $"restart: {RecoveryOrders.Describe(settled.Values)}");
        Assert.NotEmpty(inFlight);
        Assert.Contains("is dead (process exited)", host.Tail(20_000), StringComparison.Ordinal);
        await orders.AssertConfirmedOnceAsync();
    }
}
