using System.Net;
using Serverless.Host.Tests.Support;

namespace Serverless.Host.Tests;

/// <summary>
/// On the real host, every route that answers GET answers HEAD the same way (status and content type), without a body:
/// the order API, health with its details and rates, instance management, the poison queues and the dashboard.
/// </summary>
[Collection(SharedHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
public sealed class HeadOnEveryRouteTests(SharedHostFixture fixture)
{
    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task Every_GET_route_of_the_host_answers_HEAD_as_it_answers_GET_without_a_body()
    {
        var sku = TestIds.Sku("head");
        await _client.SetStockAsync(sku, 5, 2.50m);
        var placed = await _client.PlaceOrderAsync(TestIds.Customer("head"), sku, 1, "tok_visa");
        await _client.WaitUntilSettledAsync(placed.OrderId);
        string[] paths =
        [
            "api/health",
            "api/health/details",
            "api/health/rates",
            "api/orders",
            $"api/orders/{placed.OrderId}",
            $"api/payments/{placed.OrderId}",
            $"api/shipments/{placed.OrderId}",
            $"api/inventory/{sku}",
            HostClient.ManagementPrefix,
            $"{HostClient.ManagementPrefix}/{placed.OrderId}",
            "runtime/webhooks/queues/poison",
            "runtime/webhooks/queues/poison/order-events-poison",
            "dashboard",
            $"dashboard/orders/{placed.OrderId}",
            "dashboard/assets/orders.js",
        ];

        foreach (var path in paths)
        {
            using var get = await _client.SendAsync(HttpMethod.Get, path);
            using var head = await _client.SendAsync(HttpMethod.Head, path);

            Assert.True(get.StatusCode == head.StatusCode, $"{path}: GET {get.StatusCode}, HEAD {head.StatusCode}");
            Assert.NotEqual(HttpStatusCode.MethodNotAllowed, head.StatusCode);
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
    }
}
