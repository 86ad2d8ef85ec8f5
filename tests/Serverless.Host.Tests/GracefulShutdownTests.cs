using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>
/// SIGTERM stops the host cleanly: work in flight finishes or goes back to its queue, and nothing is lost or doubled.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class GracefulShutdownTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SIGTERM_during_a_charge_exits_cleanly_and_a_restart_confirms_the_order_and_charges_it_once()
    {
        await using var host = await HostProcess.StartAsync("sigterm");
        using var client = new HostClient(host);
        var sku = TestIds.Sku("sigterm");
        await client.SetStockAsync(sku, 5, 10.00m);
        var accepted = await client.PlaceOrderAsync(TestIds.Customer("sigterm"), sku, 2, Tokens.Slow);
        // Stock is reserved just before the charge, which tok_slow holds for 2 s: a stop now catches the charge in
        // flight.
        await client.PollAsync(
            () => client.GetStockAsync(sku),
            stock => stock.Reserved == 2,
            stock => $"{sku} never had 2 reserved: {stock}.");

        var exitCode = await host.StopAsync(ExitDeadline);
        await host.RestartAsync();
        var order = await client.WaitUntilSettledAsync(accepted.OrderId);

        Assert.True(exitCode == 0, host.Failure($"The host exited with code {exitCode} after SIGTERM.").Message);
        Assert.Equal(OrderStatuses.Confirmed, order.Status);
        Assert.Equal(
            new LedgerEntryDto("charge", 20.00m),
            Assert.Single((await client.GetPaymentAsync(accepted.OrderId)).Ledger));
        Assert.Equal(new StockDto(sku, 3, 0, 2, 10.00m), await client.GetStockAsync(sku));
    }
}
