using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Orders.Payments;
using Serverless.Orders.Tests.Support;
using Serverless.Storage;

namespace Serverless.Orders.Tests.Recovery;

/// <summary>
/// <c>POST /api/orders/{id}/cancel</c>: accepted until the payment is committed, running the saga's own compensation; a
/// clear 409 after that; idempotent; 404 for an unknown order.
/// </summary>
public sealed class CustomerCancelTests : IAsyncLifetime, IDisposable
{
    private readonly OrdersApp _app = new(
        configure: null,
        GatedGateway.Install);

    private GatedGateway Gateway => GatedGateway.Of(_app);

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync()
    {
        Gateway.OpenGate();
        return _app.DisposeAsync();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Cancelling_an_order_awaiting_approval_releases_its_stock_and_cancels_it_before_any_payment()
    {
        var (sku, orderId) = await _app.PlaceAwaitingApprovalAsync();

        using var response = await CancelAsync(orderId);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var order = await SettledCancelledAsync(orderId);
        Assert.Equal("Cancelled by customer.", order.GetProperty("reason").GetString());
        await AssertStockRestoredAsync(sku);
        Assert.Null(await Gateway.GetAsync(orderId));
    }

    [Fact]
    public async Task Cancelling_a_charged_but_uncommitted_order_refunds_it_through_the_saga()
    {
        var sku = OrdersApp.NewSku();
        await _app.PutStockAsync(sku, 5, 10m);
        Gateway.HoldCharges = true;
        var orderId = await _app.PlaceAsync(TestTokens.Visa, (sku, 2));
        await Eventually.ValueAsync(
            () => Gateway.GetAsync(orderId),
            p => p?.Status == PaymentStatus.Charged,
            $"order {orderId} is charged");

        using var response = await CancelAsync(orderId);
        Gateway.OpenGate();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var order = await SettledCancelledAsync(orderId);
        Assert.Equal("Cancelled by customer.", order.GetProperty("reason").GetString());
        await AssertStockRestoredAsync(sku);
        var payment = await Gateway.GetAsync(orderId);
        Assert.Equal((PaymentStatus.Refunded, 0m), (payment!.Status, payment.NetAmount));
    }

    [Fact]
    public async Task Cancelling_again_is_accepted_and_changes_nothing()
    {
        var (sku, orderId) = await _app.PlaceAwaitingApprovalAsync();
        using var first = await CancelAsync(orderId);
        await SettledCancelledAsync(orderId);

        using var again = await CancelAsync(orderId);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, again.StatusCode));
        var order = await _app.GetJsonAsync($"/api/orders/{orderId}");
        Assert.Equal(
            ("Cancelled", "Cancelled by customer."),
            (order.GetProperty("status").GetString(), order.GetProperty("reason").GetString()));
        await AssertStockRestoredAsync(sku);
    }

    [Fact]
    public async Task Cancelling_after_the_payment_was_committed_answers_409_saying_when()
    {
        var sku = OrdersApp.NewSku();
        await _app.PutStockAsync(sku, 5, 10m);
        var orderId = await _app.PlaceAsync(TestTokens.Visa, (sku, 1));
        Assert.Equal("Confirmed", (await _app.SettledAsync(orderId)).GetProperty("status").GetString());

        using var response = await CancelAsync(orderId);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement
            .GetProperty("detail").GetString();
        Assert.StartsWith(
            $"Order {orderId} can no longer be cancelled: its payment was committed at 20",
            detail,
            StringComparison.Ordinal);
        Assert.Equal(
            "Confirmed",
            (await _app.GetJsonAsync($"/api/orders/{orderId}")).GetProperty("status").GetString());
        Assert.Equal(10m, (await Gateway.GetAsync(orderId))!.NetAmount);
    }

    [Fact]
    public async Task Cancelling_an_unknown_order_answers_404()
    {
        using var response = await CancelAsync("ord-none");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<HttpResponseMessage> CancelAsync(string orderId) =>
        _app.Http.PostAsync($"/api/orders/{orderId}/cancel", content: null);

    private async Task<JsonElement> SettledCancelledAsync(string orderId)
    {
        var order = await _app.SettledAsync(orderId);
        Assert.Equal("Cancelled", order.GetProperty("status").GetString());
        return order;
    }

    private async Task AssertStockRestoredAsync(string sku)
    {
        var stock = await _app.GetStockAsync(sku);
        Assert.Equal(
            (5L, 0L, 0L),
            (
                stock.GetProperty("available").GetInt64(),
                stock.GetProperty("reserved").GetInt64(),
                stock.GetProperty("sold").GetInt64()));
    }
}
