using Polly.CircuitBreaker;
using Serverless.Orders.Payments;
using Serverless.Orders.Tests.Support;
using Serverless.Payments.Card;

namespace Serverless.Orders.Tests.Payments;

/// <summary>
/// The payment port kept by the card gateway against the fake provider: charges, declines and outages in the port's
/// terms, a charge whose answer came too late charged exactly once, refunds once, the provider's ledger read back.
/// </summary>
public sealed class CardPaymentGatewayTests : IDisposable
{
    private readonly CardGatewayHarness _card = CardGatewayHarness.Start();

    public void Dispose() => _card.Dispose();

    [Fact]
    public async Task An_approved_charge_is_a_Charged_receipt_in_minor_units_of_the_currency_and_GetAsync_shows_it()
    {
        var receipt = await _card.Gateway.ChargeAsync("o-1", 25.00m, "tok_visa", PaymentKeys.Charge("o-1"));
        var record = await _card.Gateway.GetAsync("o-1");

        Assert.Equal(new PaymentReceipt("o-1", PaymentStatus.Charged, 25.00m), receipt);
        Assert.Equal((2500L, "eur"), (_card.Provider.Charges[0].Amount, _card.Provider.Charges[0].Currency));
        Assert.Equal((PaymentStatus.Charged, 25.00m, 25.00m), (record!.Status, record.Amount, record.NetAmount));
        Assert.Equal([(LedgerKinds.Charge, 25.00m)], record.Ledger.Select(e => (e.Kind, e.Amount)));
    }

    [Fact]
    public async Task A_declined_card_is_a_PaymentDeclinedException_sent_once_and_GetAsync_shows_Declined()
    {
        await Assert.ThrowsAsync<PaymentDeclinedException>(
            () => _card.Gateway.ChargeAsync("o-2", 25.00m, "tok_decline", PaymentKeys.Charge("o-2")));
        var record = await _card.Gateway.GetAsync("o-2");

        Assert.Equal(1, _card.Provider.Calls.Count(c => c.Method == "POST"));
        Assert.Equal((PaymentStatus.Declined, 0m, 0m), (record!.Status, record.Amount, record.NetAmount));
        Assert.Empty(record.Ledger);
    }

    [Fact]
    public async Task An_outage_is_a_PaymentUnavailableException_and_charges_nothing()
    {
        _card.Provider.Fault = ProviderFault.ServerErrors;

        await Assert.ThrowsAsync<PaymentUnavailableException>(
            () => _card.Gateway.ChargeAsync("o-3", 25.00m, "tok_visa", PaymentKeys.Charge("o-3")));
        await Assert.ThrowsAsync<PaymentUnavailableException>(() => _card.Gateway.GetAsync("o-3"));

        Assert.Empty(_card.Provider.Charges);
    }

    [Fact]
    public async Task A_charge_whose_answer_came_too_late_is_resolved_by_lookup_and_charged_exactly_once()
    {
        _card.Provider.Fault = ProviderFault.ChargeThenTimeout;

        var receipt = await _card.Gateway.ChargeAsync("o-4", 25.00m, "tok_visa", PaymentKeys.Charge("o-4"));
        _card.Provider.Fault = ProviderFault.None;
        var again = await _card.Gateway.ChargeAsync("o-4", 25.00m, "tok_visa", PaymentKeys.Charge("o-4"));

        Assert.Equal(PaymentStatus.Charged, receipt.Status);
        Assert.Equal(receipt, again);
        Assert.Single(_card.Provider.ChargesFor("o-4"));
    }

    [Fact]
    public async Task An_open_circuit_fails_the_charge_fast_as_transient_without_reaching_the_provider()
    {
        using var card = CardGatewayHarness.Start(p =>
        {
            p.Card.MaxRetries = 0;
            p.Card.MinimumThroughput = 2;
        });
        card.Provider.Fault = ProviderFault.ServerErrors;
        await Eventually.TrueAsync(async () =>
        {
            var failure = await Assert.ThrowsAsync<PaymentUnavailableException>(
                () => card.Gateway.ChargeAsync("o-5", 25.00m, "tok_visa", PaymentKeys.Charge("o-5")));
            return failure.InnerException?.InnerException is BrokenCircuitException;
        }, "the circuit opens");
        var calls = card.Provider.Calls.Count;

        var fast = await Assert.ThrowsAsync<PaymentUnavailableException>(
            () => card.Gateway.ChargeAsync("o-6", 25.00m, "tok_visa", PaymentKeys.Charge("o-6")));

        Assert.Contains("circuit", fast.Message, StringComparison.Ordinal);
        Assert.Equal(calls, card.Provider.Calls.Count);
    }

    [Fact]
    public async Task A_refund_refunds_the_charge_once_however_often_it_is_asked()
    {
        await _card.Gateway.ChargeAsync("o-7", 25.00m, "tok_visa", PaymentKeys.Charge("o-7"));

        var refund = await _card.Gateway.RefundAsync("o-7", 25.00m, PaymentKeys.Refund("o-7"));
        var again = await _card.Gateway.RefundAsync("o-7", 25.00m, PaymentKeys.Refund("o-7"));
        var record = await _card.Gateway.GetAsync("o-7");

        Assert.Equal(new PaymentReceipt("o-7", PaymentStatus.Refunded, 25.00m), refund);
        Assert.Equal(refund, again);
        Assert.Single(Assert.Single(_card.Provider.ChargesFor("o-7")).Refunds);
        Assert.Equal((PaymentStatus.Refunded, 25.00m, 0m), (record!.Status, record.Amount, record.NetAmount));
        Assert.Equal(
            [(LedgerKinds.Charge, 25.00m), (LedgerKinds.Refund, 25.00m)],
            record.Ledger.Select(e => (e.Kind, e.Amount)));
    }

    [Fact]
    public async Task A_refund_whose_answer_was_lost_is_seen_done_and_never_sent_again()
    {
        await _card.Gateway.ChargeAsync("o-8", 25.00m, "tok_visa", PaymentKeys.Charge("o-8"));
        _card.Provider.Fault = ProviderFault.ChargeThenTimeout;
        await Assert.ThrowsAsync<PaymentUnavailableException>(
            () => _card.Gateway.RefundAsync("o-8", 25.00m, PaymentKeys.Refund("o-8")));
        _card.Provider.Fault = ProviderFault.None;
        var refundsSent = RefundsSent();

        var refund = await _card.Gateway.RefundAsync("o-8", 25.00m, PaymentKeys.Refund("o-8"));

        Assert.Equal(new PaymentReceipt("o-8", PaymentStatus.Refunded, 25.00m), refund);
        Assert.Equal(25_00L, Assert.Single(_card.Provider.ChargesFor("o-8")).AmountRefunded);
        Assert.Equal((2, 2), (refundsSent, RefundsSent()));
    }

    private int RefundsSent() => _card.Provider.Calls.Count(c => c.Path == "/v1/refunds");

    [Fact]
    public async Task A_refund_of_a_declined_charge_gives_nothing_back()
    {
        await Assert.ThrowsAsync<PaymentDeclinedException>(
            () => _card.Gateway.ChargeAsync("o-9", 25.00m, "tok_decline", PaymentKeys.Charge("o-9")));

        var refund = await _card.Gateway.RefundAsync("o-9", 25.00m, PaymentKeys.Refund("o-9"));

        Assert.Equal(new PaymentReceipt("o-9", PaymentStatus.Declined, 0m), refund);
    }

    [Fact]
    public async Task An_order_the_provider_never_saw_has_no_payment()
    {
        Assert.Null(await _card.Gateway.GetAsync("o-10"));
    }

    [Theory]
    [InlineData("tok_visa", true)]
    [InlineData("pm_1PQx9ZLkdIwHu7ix", true)]
    [InlineData("visa", false)]
    [InlineData("tok_", false)]
    [InlineData("tok_visa; drop", false)]
    public void A_token_is_accepted_in_the_providers_shape_only(string token, bool accepted)
    {
        Assert.Equal(accepted, _card.Gateway.AcceptsToken(token));
    }

    [Fact]
    public void The_function_set_charges_through_the_card_gateway_when_configured_and_the_simulator_by_default()
    {
        Assert.IsType<CardPaymentGateway>(_card.Composed);
        Assert.Equal(PaymentGatewayKind.Simulator, new PaymentsOptions().Gateway);
    }
}
