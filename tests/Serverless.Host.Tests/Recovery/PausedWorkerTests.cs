using Serverless.Host.Tests.Support;
using Xunit.Abstractions;

namespace Serverless.Host.Tests.Recovery;

/// <summary>
/// Two hosts on one SQLite file; one is paused with SIGSTOP while it holds work, for longer than its lease, then
/// resumed with SIGCONT. The other takes over what it held and finishes every order while it is stopped; once resumed,
/// it finds its lease lapsed, its late completions are refused as stale, and nothing is applied twice: each order is
/// charged once and stock is conserved.
/// </summary>
/// <remarks>A 4 s lease with a 1 s heartbeat (defaults 10 s and 2 s), so the pause is short.</remarks>
[Collection(LoadCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
public sealed class PausedWorkerTests(ITestOutputHelper output)
{
    private static readonly string[] ShortLease = [
        "--Serverless:Workers:LeaseDuration=00:00:04",
        "--Serverless:Workers:HeartbeatInterval=00:00:01"];

    [Fact]
    public async Task A_worker_paused_past_its_lease_is_taken_over_and_applies_nothing_twice_when_it_resumes()
    {
        await using var active = await HostProcess.StartAsync("paused-active", ShortLease);
        await using var paused = await HostProcess.StartAsync(
            "paused-stopped",
            [.. ShortLease, "--data-dir", active.DataDirectory]);
        using var client = new HostClient(active);
        using var pausedClient = new HostClient(paused);
        var orders = new RecoveryOrders(client, "paused");
        await orders.StockAsync();
        await orders.PlaceAsync(slow: 16, fast: 8, via: pausedClient);

        var held = await PauseWhileHoldingAsync(client, paused);
        try
        {
            // Every order finishes while the paused worker still holds what it received: taken over, not waited for.
            await orders.WaitUntilSettledAsync(
                orders.OrderIds,
                System.Diagnostics.Stopwatch.StartNew(),
                HostClient.SettleDeadline);
            Assert.Contains(
                $"Worker {held.WorkerId} is dead (lease expired)",
                active.Tail(20_000),
                StringComparison.Ordinal);
        }
        finally
        {
            await paused.SignalAsync("CONT");
        }

        await client.PollAsync(
            () => Task.FromResult(paused.Tail(20_000)),
            log => log.Contains("lease had lapsed", StringComparison.Ordinal)
                && log.Contains("receipt is stale", StringComparison.Ordinal),
            _ => "The resumed worker did not report its lapsed lease and a refused late completion.");
        output.WriteLine($"the paused worker held {held.HeldMessages} message(s) when stopped");
        await orders.AssertConfirmedOnceAsync();
        Assert.Contains(
            paused.ProcessId,
            (await RecoveryOrders.HealthAsync(pausedClient)).Workers.Select(w => w.ProcessId));
    }

    /// <summary>
    /// SIGSTOPs <paramref name="host"/> at a moment it holds received messages (checked again once it is stopped).
    /// </summary>
    private static async Task<Support.Contracts.WorkerHealthDto> PauseWhileHoldingAsync(
        HostClient client,
        HostProcess host)
    {
        var deadline = DateTime.UtcNow + HostClient.SettleDeadline;
        while (DateTime.UtcNow < deadline)
        {
            var worker = (await RecoveryOrders.HealthAsync(client)).Workers.FirstOrDefault(w =>
                w.ProcessId == host.ProcessId);
            if (worker is { HeldMessages: > 0 })
            {
                await host.SignalAsync("STOP");
                var stopped = (await RecoveryOrders.HealthAsync(client)).Workers.FirstOrDefault(w =>
                    w.ProcessId == host.ProcessId);
                if (stopped is { HeldMessages: > 0 } && await CanWriteAsync(client))
                {
                    return stopped;
                }

                await host.SignalAsync("CONT");
            }

            await Task.Delay(20);
        }

        throw host.Failure("The second host never held a message while it could be stopped.");
    }

    /// <summary>
    /// Whether the store still takes writes: a process stopped inside a SQLite write transaction keeps the file's write
    /// lock (SQLite's limit, not the lease's), and then the moment is not a fair test.
    /// </summary>
    private static async Task<bool> CanWriteAsync(HostClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/inventory/{TestIds.Sku("probe")}")
        {
            Content = new StringContent(
                Json.Serialize(new { quantity = 1, unitPrice = 1m }),
                System.Text.Encoding.UTF8,
                "application/json"),
        };
        try
        {
            using var response = await client.Http.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
