using System.Net;
using System.Text.Json;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>
/// <c>GET /api/payments/{orderId}</c> as docs/api.md describes it: <c>status</c> says whether money moved,
/// <c>amount</c> is what was charged, <c>netAmount</c> what the shop keeps, and each ledger entry has its kind, amount
/// and time. (<c>Refunded</c> and <c>Voided</c> need a refund racing the saga; Serverless.Orders.Tests pins them:
/// CustomerCancelTests, PaymentSimulatorTests.)
/// </summary>
[Collection(SharedHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
public sealed class PaymentsApiTests(SharedHostFixture fixture)
{
    private const decimal Price = 12.50m;
    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task A_charged_order_is_Charged_with_its_total_as_amount_and_netAmount_and_a_timed_ledger_entry()
    {
        var orderId = await PlaceSettledAsync("charged", Tokens.Visa, OrderStatuses.Confirmed);

        var payment = await GetPaymentJsonAsync(orderId);

        Assert.Equal(
            ("Charged", 2 * Price, 2 * Price),
            (payment.GetProperty("status").GetString(),
                payment.GetProperty("amount").GetDecimal(),
                payment.GetProperty("netAmount").GetDecimal()));
        var entry = Assert.Single(payment.GetProperty("ledger").EnumerateArray().ToList());
        Assert.Equal(
            ("charge", 2 * Price),
            (entry.GetProperty("kind").GetString(), entry.GetProperty("amount").GetDecimal()));
        Assert.True(entry.GetProperty("at").TryGetDateTimeOffset(out _), entry.ToString());
    }

    [Fact]
    public async Task A_declined_order_is_Declined_with_nothing_charged_or_kept()
    {
        var orderId = await PlaceSettledAsync("declined-payment", Tokens.Decline, OrderStatuses.Cancelled);

        var payment = await _client.GetPaymentAsync(orderId);

        Assert.Equal(("Declined", 0m, 0m), (payment.Status, payment.Amount, payment.NetAmount));
        Assert.Empty(payment.Ledger);
    }

    [Fact]
    public async Task An_order_not_charged_yet_answers_200_None_with_an_empty_ledger()
    {
        var sku = TestIds.Sku("uncharged");
        await _client.SetStockAsync(sku, 5, 600.00m);
        var orderId = (await _client.PlaceOrderAsync(TestIds.Customer("uncharged"), sku, 2, Tokens.Visa)).OrderId;
        Assert.Equal(OrderStatuses.AwaitingApproval, (await _client.WaitUntilNotPendingAsync(orderId)).Status);

        var payment = await _client.GetPaymentAsync(orderId);

        Assert.Equal((orderId, "None", 0m, 0m), (payment.OrderId, payment.Status, payment.Amount, payment.NetAmount));
        Assert.Empty(payment.Ledger);
    }

    private async Task<string> PlaceSettledAsync(string purpose, string token, string expected)
    {
        var sku = TestIds.Sku(purpose);
        await _client.SetStockAsync(sku, 5, Price);
        var orderId = (await _client.PlaceOrderAsync(TestIds.Customer(purpose), sku, 2, token)).OrderId;
        Assert.Equal(expected, (await _client.WaitUntilSettledAsync(orderId)).Status);
        return orderId;
    }

    private async Task<JsonElement> GetPaymentJsonAsync(string orderId)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, $"api/payments/{orderId}");
        using var document = JsonDocument.Parse(await _client.ExpectAsync(response, HttpStatusCode.OK));
        return document.RootElement.Clone();
    }
}
