using Serverless.Host.Tests.Support;
using Serverless.Testing.Payments;
using Xunit.Abstractions;

namespace Serverless.Host.Tests.Payments;

/// <summary>
/// The Native AOT host with the card gateway (<c>-p:Payments=Card</c>): it publishes with no warning, and the binary
/// takes the card gateway's paths against the fake provider (the provider's JSON, the resilience pipeline's timeouts
/// and retries, the lookup of a charge whose answer came too late, a decline), so they survive trimming.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Publish)]
public sealed class CardAotHostTests(CardAotPublishFixture publish, ITestOutputHelper output)
    : IClassFixture<CardAotPublishFixture>
{
    [Fact]
    public async Task The_card_build_publishes_without_a_warning_and_charges_declines_and_resolves_by_lookup()
    {
        Assert.True(publish.Result.ExitCode == 0 && File.Exists(publish.Executable), publish.Report);
        Assert.True(publish.Diagnostics.Count == 0, publish.Report);
        output.WriteLine($"{publish.Executable}: {new FileInfo(publish.Executable).Length / 1048576.0:0.0} MiB");
        using var provider = FakeCardProvider.Start();
        provider.HangFor = TimeSpan.FromSeconds(5);
        var launch = new HostLaunch(publish.Executable, new Dictionary<string, string>
        {
            ["Orders__Payments__Gateway"] = "Card",
            ["Orders__Payments__Card__BaseUrl"] = provider.BaseUrl.ToString(),
            ["Orders__Payments__Card__ApiKey"] = FakeCardProvider.ApiKey,
            ["Orders__Payments__Card__Currency"] = "EUR",
            ["Orders__Payments__Card__AttemptTimeout"] = "00:00:01",
        });
        await using var host = await HostProcess.StartAsync(launch, "card-aot");
        using var client = new HostClient(host);
        await client.SetStockAsync("SKU-CARD", 10, 12.50m);

        var charged = await PlaceAndSettleAsync(client, "tok_visa");
        var declined = await PlaceAndSettleAsync(client, "tok_decline");
        provider.Fault = ProviderFault.ChargeThenTimeout;
        var late = await PlaceAndSettleAsync(client, "tok_visa");
        provider.Fault = ProviderFault.None;

        Assert.Equal(("Confirmed", "Cancelled", "Confirmed"), (charged.Status, declined.Status, late.Status));
        Assert.StartsWith("Payment declined", declined.Reason, StringComparison.Ordinal);
        Assert.Single(provider.ChargesFor(late.OrderId));
        var payment = await client.GetPaymentAsync(charged.OrderId);
        Assert.Equal(("Charged", 25.00m, 25.00m), (payment.Status, payment.Amount, payment.NetAmount));
    }

    private static async Task<Support.Contracts.OrderDto> PlaceAndSettleAsync(HostClient client, string token)
    {
        var accepted = await client.PlaceOrderAsync(OrderRequests.Body("c-card", "SKU-CARD", 2, token));
        return await client.WaitUntilSettledAsync(accepted.OrderId);
    }
}
