using Serverless.Orders.Payments;
using Serverless.Orders.Tests.Support;

namespace Serverless.Orders.Tests.Payments;

/// <summary>
/// The port's void rule kept with a provider that cannot void what it has not seen (CardPaymentGateway's remarks): the
/// refund of a never-charged order asks for the void at once, so a charge starting after it is declined without
/// reaching the provider; it confirms the void only once the grace has passed with no charge arriving, and a charge
/// that arrives within the grace is refunded by the refund's next attempt. The grace runs on a fake clock.
/// </summary>
public sealed class CardPaymentVoidTests : IDisposable
{
    private readonly CardGatewayHarness _card = CardGatewayHarness.Start();

    public void Dispose() => _card.Dispose();

    [Fact]
    public async Task A_refund_of_an_order_never_charged_is_transient_until_the_grace_has_passed_then_Voided()
    {
        var early = await Assert.ThrowsAsync<PaymentUnavailableException>(() => RefundAsync("v-1"));
        _card.Clock.Advance(_card.Options.VoidGrace - TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<PaymentUnavailableException>(() => RefundAsync("v-1"));
        _card.Clock.Advance(TimeSpan.FromSeconds(1));

        var voided = await RefundAsync("v-1");
        var again = await RefundAsync("v-1");
        var record = await _card.Gateway.GetAsync("v-1");

        Assert.Contains("void is confirmed once", early.Message, StringComparison.Ordinal);
        Assert.Equal(new PaymentReceipt("v-1", PaymentStatus.Voided, 0m), voided);
        Assert.Equal(voided, again);
        Assert.Equal((PaymentStatus.Voided, 0m, 0m), (record!.Status, record.Amount, record.NetAmount));
        Assert.Empty(_card.Provider.Charges);
    }

    [Fact]
    public async Task A_charge_after_the_void_was_asked_is_declined_without_reaching_the_provider()
    {
        await Assert.ThrowsAsync<PaymentUnavailableException>(() => RefundAsync("v-2"));

        var late = await Assert.ThrowsAsync<PaymentDeclinedException>(
            () => _card.Gateway.ChargeAsync("v-2", 25.00m, "tok_visa", PaymentKeys.Charge("v-2")));
        _card.Clock.Advance(_card.Options.VoidGrace);
        await RefundAsync("v-2");
        var afterVoid = await Assert.ThrowsAsync<PaymentDeclinedException>(
            () => _card.Gateway.ChargeAsync("v-2", 25.00m, "tok_visa", PaymentKeys.Charge("v-2")));

        Assert.All([late, afterVoid], e => Assert.Contains("voided", e.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(_card.Provider.Calls, c => c.Method == "POST");
    }

    [Fact]
    public async Task A_charge_that_reaches_the_provider_within_the_grace_is_refunded_by_the_refunds_next_attempt()
    {
        await Assert.ThrowsAsync<PaymentUnavailableException>(() => RefundAsync("v-3"));
        // A charge that passed the void check just before the refund began, arriving now.
        await _card.Client.ChargeAsync(2500, "tok_visa", "v-3", PaymentKeys.Charge("v-3"));

        var refund = await RefundAsync("v-3");
        var redelivered = await _card.Gateway.ChargeAsync("v-3", 25.00m, "tok_visa", PaymentKeys.Charge("v-3"));

        Assert.Equal(new PaymentReceipt("v-3", PaymentStatus.Refunded, 25.00m), refund);
        Assert.Equal(PaymentStatus.Refunded, redelivered.Status);
        var charge = Assert.Single(_card.Provider.ChargesFor("v-3"));
        Assert.Equal((2500L, 2500L), (charge.Amount, charge.AmountRefunded));
    }

    private Task<PaymentReceipt> RefundAsync(string orderId) =>
        _card.Gateway.RefundAsync(orderId, 25.00m, PaymentKeys.Refund(orderId));
}
