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
        var orderId = OrderService.OrderIdFor(key);
        var body = $$$"""{"customerId":"c-9","items":[{"sku":"{{{sku}}}","quantity":2}],"payment":""" +
            """{"token":"tok_visa"}}""";

        // What the request had done when it died: the saga started, the order row not yet written.
        var policy = PlaceOrderPolicy.From(app.Services.GetRequiredService<IOptions<OrdersOptions>>().Value);
        var fingerprint = OrderService.Fingerprint("c-9", [(sku, 2)], TestTokens.Visa);
        var input = new PlaceOrderInput(
            orderId,
            "c-9",
            [new OrderItem(sku, 2, 4m, 8m)],
            8m,
            TestTokens.Visa,
            policy,
            DateTimeOffset.UtcNow,
            key,
            fingerprint);
        await app.Durable.ScheduleNewOrchestrationInstanceAsync(
            PlaceOrderOrchestrator.Name,
            input,
            new StartOrchestrationOptions(orderId));
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
}
