using System.Net;
using System.Text.Json;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;
using Serverless.Storage.Sqlite;

namespace Serverless.Host.Tests;

/// <summary>
/// The host's <c>FulfilOrder</c> queue function: each confirmed order gets one shipment, once per event.
/// </summary>
[Collection(SharedHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
public sealed class FulfilmentTests(SharedHostFixture fixture)
{
    private readonly HostClient _client = fixture.Client;

    [Fact]
    public async Task Every_confirmed_order_gets_exactly_one_shipment_and_a_cancelled_one_none()
    {
        var sku = TestIds.Sku("ship");
        await _client.SetStockAsync(sku, 3, 4.00m);
        var confirmed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            // One at a time, so the fourth is the one that finds no stock.
            var orderId = (await _client.PlaceOrderAsync(TestIds.Customer("ship"), sku, 1, Tokens.Visa)).OrderId;
            Assert.Equal(OrderStatuses.Confirmed, (await _client.WaitUntilSettledAsync(orderId)).Status);
            confirmed.Add(orderId);
        }

        var cancelled = (await _client.PlaceOrderAsync(TestIds.Customer("ship"), sku, 1, Tokens.Visa)).OrderId;

        foreach (var orderId in confirmed)
        {
            var shipment = await WaitForShipmentAsync(orderId);
            Assert.Equal($"{orderId}:OrderConfirmed", shipment.GetProperty("eventId").GetString());
            Assert.Equal(
                sku,
                Assert.Single(shipment.GetProperty("items").EnumerateArray()).GetProperty("sku").GetString());
        }

        Assert.Equal(OrderStatuses.Cancelled, (await _client.WaitUntilSettledAsync(cancelled)).Status);
        Assert.Empty(await OrderEventsQueue.ConfirmedEventsOfAsync(_client, cancelled));
        using var none = await _client.SendAsync(HttpMethod.Get, $"/api/shipments/{cancelled}");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_duplicated_OrderConfirmed_message_creates_nothing_new()
    {
        var sku = TestIds.Sku("dup");
        await _client.SetStockAsync(sku, 5, 3.00m);
        var orderId = (await _client.PlaceOrderAsync(TestIds.Customer("dup"), sku, 2, Tokens.Visa)).OrderId;
        var order = await _client.WaitUntilSettledAsync(orderId);
        var first = await WaitForShipmentAsync(orderId);

        // The same event again, as a redelivery or a second publish would bring it, straight into the host's queue.
        var duplicate = Json.Serialize(new
        {
            eventId = $"{orderId}:OrderConfirmed",
            orderId,
            customerId = order.CustomerId,
            items = first.GetProperty("items"),
            total = order.Total,
            confirmedAt = DateTimeOffset.UtcNow,
            type = "OrderConfirmed",
        });
        var database = Path.Combine(
            _client.Host.DataDirectory,
            EmbeddedDatabaseFile.FileName);
        using (var storage = new SqliteStorageProvider(new SqliteStorageOptions { DataSource = database }))
        {
            var queue = storage.GetQueue(OrderEventsQueue.QueueName);
            await queue.SendAsync(duplicate);
            await queue.SendAsync(duplicate);
        }

        await _client.PollAsync(
            () => OrderEventsQueue.ReadAsync(_client.Host),
            messages => !messages.Any(m => m.GetProperty("orderId").GetString() == orderId),
            _ => $"The duplicated events of {orderId} were not consumed within {HostClient.SettleDeadline}.");
        var after = await OrderEventsQueue.ShipmentOfAsync(_client.Host, orderId);

        Assert.Equal(first.GetRawText(), after!.Value.GetRawText());
        Assert.DoesNotContain(
            await OrderEventsQueue.ReadAsync(_client.Host, OrderEventsQueue.QueueName + "-poison"),
            m => m.GetRawText().Contains(orderId, StringComparison.Ordinal));
    }

    private async Task<JsonElement> WaitForShipmentAsync(string orderId) =>
        (await _client.PollAsync(
            () => OrderEventsQueue.ShipmentOfAsync(_client.Host, orderId),
            shipment => shipment is not null,
            _ => $"No shipment for {orderId} within {HostClient.SettleDeadline}."))!.Value;
}
