using Serverless.Payments.Card.Tests.Support;

namespace Serverless.Payments.Card.Tests;

/// <summary>
/// The client against the fake provider: what it sends, how each answer maps, which requests it repeats within a call,
/// and how a charge whose answer never came is resolved by its idempotency key.
/// </summary>
public sealed class CardPaymentsClientTests
{
    [Fact]
    public async Task A_charge_sends_minor_units_the_currency_the_token_the_order_and_its_key_and_is_approved()
    {
        using var card = CardClient.Start();

        var charge = await card.Client.ChargeAsync(2500, "tok_visa", "order-1", "order-1:charge");

        Assert.Equal(("succeeded", 2500L, 0L), (charge.Status, charge.Amount, charge.AmountRefunded));
        var recorded = Assert.Single(card.Provider.Charges);
        Assert.Equal(
            (charge.Id, "order-1:charge", "order-1", 2500L, "eur", "tok_visa"),
            (recorded.Id, recorded.IdempotencyKey, recorded.OrderId, recorded.Amount, recorded.Currency,
                recorded.Source));
    }

    [Fact]
    public async Task A_declined_card_is_a_CardDeclinedException_and_is_sent_once()
    {
        using var card = CardClient.Start();

        var declined = await Assert.ThrowsAsync<CardDeclinedException>(
            () => card.Client.ChargeAsync(2500, "tok_decline", "order-2", "order-2:charge"));

        Assert.Equal(("card_declined", 402), (declined.Code, declined.StatusCode));
        Assert.Equal(1, card.CallsOf("POST"));
        Assert.Equal("failed", Assert.Single(card.Provider.Charges).Status);
    }

    [Fact]
    public async Task The_same_key_charges_once_and_answers_with_the_first_charge()
    {
        using var card = CardClient.Start();

        var first = await card.Client.ChargeAsync(2500, "tok_visa", "order-3", "order-3:charge");
        var again = await card.Client.ChargeAsync(2500, "tok_visa", "order-3", "order-3:charge");

        Assert.Equal(first.Id, again.Id);
        Assert.Single(card.Provider.Charges);
    }

    [Fact]
    public async Task An_outage_is_retried_within_the_call_as_configured_then_looked_up_then_unavailable()
    {
        using var card = CardClient.Start(o => o.MaxRetries = 2);
        card.Provider.Fault = ProviderFault.ServerErrors;

        var failure = await Assert.ThrowsAsync<CardProviderUnavailableException>(
            () => card.Client.ChargeAsync(2500, "tok_visa", "order-4", "order-4:charge"));

        // 1 + MaxRetries charges (each with the same key), then the lookup (a GET) with as many attempts.
        Assert.Equal((3, 3), (card.CallsOf("POST"), card.CallsOf("GET")));
        Assert.All(card.Provider.Calls.Where(c => c.Method == "POST"), c => Assert.Equal("order-4:charge",
            c.IdempotencyKey));
        Assert.Contains("503", failure.Message, StringComparison.Ordinal);
        Assert.Empty(card.Provider.Charges);
    }

    [Fact]
    public async Task A_charge_whose_answer_came_too_late_is_found_by_its_key_and_made_exactly_once()
    {
        using var card = CardClient.Start(o => o.MaxRetries = 1);
        card.Provider.Fault = ProviderFault.ChargeThenTimeout;

        var charge = await card.Client.ChargeAsync(2500, "tok_visa", "order-5", "order-5:charge");

        Assert.Equal("succeeded", charge.Status);
        var made = Assert.Single(card.Provider.ChargesFor("order-5"));
        Assert.Equal(made.Id, charge.Id);
        // The retry with the same key timed out as well; the lookup answered.
        Assert.Equal((2, 1), (card.CallsOf("POST"), card.CallsOf("GET")));
    }

    [Fact]
    public async Task A_hung_provider_is_unavailable_and_a_retry_with_the_same_key_later_charges_once()
    {
        using var card = CardClient.Start(o => o.MaxRetries = 0);
        card.Provider.Fault = ProviderFault.Timeouts;

        var failure = await Assert.ThrowsAsync<CardProviderUnavailableException>(
            () => card.Client.ChargeAsync(2500, "tok_visa", "order-6", "order-6:charge"));
        card.Provider.Fault = ProviderFault.None;
        var charge = await card.Client.ChargeAsync(2500, "tok_visa", "order-6", "order-6:charge");

        Assert.Contains("did not answer in time", failure.Message, StringComparison.Ordinal);
        Assert.Equal(charge.Id, Assert.Single(card.Provider.ChargesFor("order-6")).Id);
    }

    [Fact]
    public async Task A_lookup_finds_the_charge_of_a_key_declined_ones_included_and_nothing_for_an_unused_key()
    {
        using var card = CardClient.Start();
        await card.Client.ChargeAsync(2500, "tok_visa", "order-7", "order-7:charge");
        await Assert.ThrowsAsync<CardDeclinedException>(
            () => card.Client.ChargeAsync(2500, "tok_decline", "order-8", "order-8:charge"));

        var charged = await card.Client.FindChargeAsync("order-7:charge");
        var declined = await card.Client.FindChargeAsync("order-8:charge");
        var none = await card.Client.FindChargeAsync("order-9:charge");

        Assert.Equal(("succeeded", "order-7"), (charged?.Status, charged?.Metadata?["order_id"]));
        Assert.Equal("failed", declined?.Status);
        Assert.Null(none);
    }

    [Fact]
    public async Task A_refund_is_made_once_per_key_and_comes_with_its_charge()
    {
        using var card = CardClient.Start();
        var charge = await card.Client.ChargeAsync(2500, "tok_visa", "order-10", "order-10:charge");

        var refund = await card.Client.RefundAsync(charge.Id, 2500, "order-10", "order-10:refund");
        var again = await card.Client.RefundAsync(charge.Id, 2500, "order-10", "order-10:refund");
        var after = await card.Client.FindChargeAsync("order-10:charge");

        Assert.Equal(refund.Id, again.Id);
        Assert.Equal(2500L, after!.AmountRefunded);
        Assert.Equal(refund.Id, Assert.Single(after.Refunds!).Id);
        Assert.Single(Assert.Single(card.Provider.Charges).Refunds);
    }
}
