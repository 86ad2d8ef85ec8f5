using System.Diagnostics;
using Serverless.Host.Tests.Support;
using Xunit.Abstractions;

namespace Serverless.Host.Tests.Recovery;

/// <summary>
/// The host killed with SIGKILL while orders are in flight and restarted at once: the restarted host sees at start-up
/// that its predecessor's process is gone and makes what it held visible again, so the in-flight orders finish in
/// seconds. The host runs with the default visibility timeout (5 min) and sweep (30 s): without worker leases those
/// orders would wait minutes.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class KillAndRestartRecoveryTests(ITestOutputHelper output)
{
    /// <summary>What the issue asks: every order in flight at the kill is final this soon after the restart.</summary>
    public static readonly TimeSpan RecoveryBudget = TimeSpan.FromSeconds(10);

    /// <summary>How long the test waits at most, longer than the budget so that a miss is measured rather than cut off.</summary>
    public static readonly TimeSpan PollDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_a_kill_9_and_an_immediate_restart_every_in_flight_order_is_final_within_10_s_and_charged_once()
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

        output.WriteLine($"{inFlight.Count} of {orders.OrderIds.Count} orders in flight at the kill; final after the restart: {RecoveryOrders.Describe(settled.Values)}");
        Assert.NotEmpty(inFlight);
        Assert.True(settled.Values.Max() <= RecoveryBudget, host.Failure($"Recovery took {RecoveryOrders.Describe(settled.Values)}, more than {RecoveryBudget}.").Message);
        Assert.Contains("is dead (process exited)", host.Tail(20_000), StringComparison.Ordinal);
        await orders.AssertConfirmedOnceAsync();
    }
}
