using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Tests.Support;

namespace Serverless.Orders.Tests.Saga;

[Collection(OrdersAppCollection.Name)]
public sealed class CrashRecoveryTests(OrdersApp app)
{
    [Fact]
    public async Task An_order_whose_request_died_after_starting_the_saga_is_recorded_settles_and_a_retry_returns_it()
    {
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 5, 4m);
        var key = Guid.NewGuid().ToString();
        var orderId = OrderService.OrderIdFor("c-9", key);
        var body = $$$"""{"customerId":"c-9","items":[{"sku":"{{{sku}}}","quantity":2}],"payment":""" +
            """{"token":"tok_visa"}}""";

        // What the request had done when it died: the saga started, the order row not yet written.
        await StartSagaAsync(orderId, sku, key);
        var settled = await app.SettledAsync(orderId);

        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            "/api/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        using var retry = await app.Http.SendAsync(request);
        var replay = await retry.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Confirmed", settled.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(
            (orderId, "Confirmed"),
            (replay.GetProperty("orderId").GetString(), replay.GetProperty("status").GetString()));
        Assert.Equal(3L, (await app.GetStockAsync(sku)).GetProperty("available").GetInt64());
    }

    [Fact]
    public async Task A_retry_across_the_upgrade_finds_the_order_its_key_placed_before_keys_were_per_customer()
    {
        var sku = OrdersApp.NewSku();
        await app.PutStockAsync(sku, 5, 4m);
        var key = Guid.NewGuid().ToString();
        // The id the key alone mapped to before keys were scoped per customer.
        var unscopedId = "ord-" + Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("idempotency-key\n" + key)))[..32];
        await StartSagaAsync(unscopedId, sku, key);
        await app.SettledAsync(unscopedId);

        using var retry = await PostAsync("c-9", sku, key);
        using var stranger = await PostAsync("c-8", sku, key);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var retryId = (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString();
        Assert.Equal(unscopedId, retryId);
        Assert.Equal(HttpStatusCode.Accepted, stranger.StatusCode);
        var strangerId = (await stranger.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        Assert.NotEqual(unscopedId, strangerId);
        await app.SettledAsync(strangerId);
        Assert.Equal(1L, (await app.GetStockAsync(sku)).GetProperty("available").GetInt64());
    }

    // The saga of customer c-9's order of 2 × sku at 4.00 under orderId, started as the service starts it.
    private async Task StartSagaAsync(string orderId, string sku, string key)
    {
        var policy = PlaceOrderPolicy.From(app.Services.GetRequiredService<IOptions<OrdersOptions>>().Value);
        var input = new PlaceOrderInput(
            orderId,
            "c-9",
            [new OrderItem(sku, 2, 4m, 8m)],
            8m,
            TestTokens.Visa,
            policy,
            DateTimeOffset.UtcNow,
            key,
            OrderService.Fingerprint("c-9", [(sku, 2)], TestTokens.Visa));
        await app.Durable.ScheduleNewOrchestrationInstanceAsync(
            PlaceOrderOrchestrator.Name,
            input,
            new StartOrchestrationOptions(orderId));
    }

    private async Task<HttpResponseMessage> PostAsync(string customer, string sku, string key)
    {
        var body = $$$"""{"customerId":"{{{customer}}}","items":[{"sku":"{{{sku}}}","quantity":2}],"payment":""" +
            """{"token":"tok_visa"}}""";
        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            "/api/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return await app.Http.SendAsync(request);
    }
}
