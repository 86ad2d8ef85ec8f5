using Polly.CircuitBreaker;
using Serverless.Payments.Card.Tests.Support;

namespace Serverless.Payments.Card.Tests;

/// <summary>
/// The circuit opens once the sampled attempts fail often enough; while it is open, calls fail fast as transient and
/// not one reaches the provider; a probe after the break closes it again once the provider is back.
/// </summary>
public sealed class CircuitBreakerTests
{
    [Fact]
    public async Task The_circuit_opens_after_failures_and_no_call_reaches_the_provider_while_it_is_open()
    {
        using var card = CardClient.Start(o =>
        {
            o.MaxRetries = 0;

            // Longer than the kit's 1.5 s: a cold provider's first answer can take that long on a loaded machine, and
            // an attempt cut off before it reached the provider would count as a failure the provider never saw.
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.MinimumThroughput = 4;
            o.FailureRatio = 0.5;
            o.BreakDuration = TimeSpan.FromMinutes(5);
        });
        card.Provider.Fault = ProviderFault.ServerErrors;

        var opened = await Eventually.UntilAsync(async () =>
            await UnavailableAsync(card, "opening") is { InnerException: BrokenCircuitException } open ? open : null,
            "the circuit opens");
        var callsWhenOpen = card.Provider.Calls.Count;
        var whileOpen = new List<CardProviderUnavailableException>();
        for (var i = 0; i < 20; i++)
        {
            whileOpen.Add(await UnavailableAsync(card, $"open-{i}"));
        }

        Assert.Contains("circuit", opened.Message, StringComparison.Ordinal);
        Assert.InRange(callsWhenOpen, 4, 8);
        Assert.All(whileOpen, e => Assert.IsType<BrokenCircuitException>(e.InnerException));
        Assert.Equal(callsWhenOpen, card.Provider.Calls.Count);
    }

    [Fact]
    public async Task After_the_break_a_probe_closes_the_circuit_once_the_provider_is_back()
    {
        using var card = CardClient.Start(o =>
        {
            o.MaxRetries = 0;
            o.MinimumThroughput = 2;
            o.BreakDuration = TimeSpan.FromMilliseconds(500);
        });
        card.Provider.Fault = ProviderFault.ServerErrors;
        await Eventually.UntilAsync(async () =>
            await UnavailableAsync(card, "opening") is { InnerException: BrokenCircuitException } open ? open : null,
            "the circuit opens");

        card.Provider.Fault = ProviderFault.None;
        var charge = await Eventually.UntilAsync(async () =>
        {
            try
            {
                return await card.Client.ChargeAsync(100, "tok_visa", "order-probe", "order-probe:charge");
            }
            catch (CardProviderUnavailableException)
            {
                return null;
            }
        }, "a probe closes the circuit");

        Assert.Equal("succeeded", charge.Status);
        Assert.Single(card.Provider.ChargesFor("order-probe"));
    }

    private static async Task<CardProviderUnavailableException> UnavailableAsync(CardClient card, string order) =>
        await Assert.ThrowsAsync<CardProviderUnavailableException>(
            () => card.Client.ChargeAsync(100, "tok_visa", order, $"{order}:{Guid.NewGuid():N}"));
}
