using System.Text.Json;
using Serverless.Orders.Events;
using Serverless.Orders.Ordering;
using Serverless.Orders.Serialization;
using Serverless.Storage.InMemory;

namespace Serverless.Orders.Tests.Events;

public sealed class OrderEventPublisherTests
{
    [Fact]
    public async Task Publishing_an_orders_confirmation_again_sends_nothing_more()
    {
        var storage = new InMemoryStorageProvider();
        var publisher = new OrderEventPublisher(storage, new OrderStore(storage));
        var confirmed = new OrderConfirmed(OrderConfirmed.EventIdFor("o-1"), "o-1", "c-1", [new OrderItem("A", 1, 2m, 2m)], 2m, DateTimeOffset.UnixEpoch);

        var first = await publisher.PublishAsync(confirmed);
        var second = await publisher.PublishAsync(confirmed);

        Assert.Equal((true, false), (first, second));
        var messages = await storage.GetQueue(OrderEventPublisher.QueueName).ReceiveAsync(10, TimeSpan.FromMinutes(1));
        var message = Assert.Single(messages);
        using var json = JsonDocument.Parse(message.Body);
        Assert.Equal(("OrderConfirmed", "o-1:OrderConfirmed"), (json.RootElement.GetProperty("type").GetString(), json.RootElement.GetProperty("eventId").GetString()));
        Assert.Equal(confirmed, JsonSerializer.Deserialize(message.Body, OrdersJsonContext.Default.OrderConfirmed)! with { Items = confirmed.Items });
    }
}
