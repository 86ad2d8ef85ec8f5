using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Orders.Events;
using Serverless.Orders.Fulfilment;
using Serverless.Orders.Ordering;
using Serverless.Orders.Serialization;
using Serverless.Orders.Tests.Support;
using Serverless.Storage.Queues;
using Serverless.Workers.Queues;

namespace Serverless.Orders.Tests.Fulfilment;

/// <summary>
/// On SQLite the shipment's write also completes the message that caused it: one transaction, not two.
/// </summary>
public sealed class FulfilmentServiceTests : IDisposable
{
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(5);
    private static readonly OrderConfirmed Confirmed =
        new(
            OrderConfirmed.EventIdFor("o-1"),
            "o-1",
            "c-1",
            [new OrderItem("A", 1, 2m, 2m)],
            2m,
            DateTimeOffset.UnixEpoch);

    private readonly TemporaryDatabase _database = new();
    private readonly IQueue _queue;
    private readonly FulfilmentService _fulfilment;
    private readonly ShipmentStore _shipments;

    public FulfilmentServiceTests()
    {
        var storage = _database.CreateProvider();
        _queue = storage.GetQueue(FulfilmentService.QueueName);
        _shipments = new ShipmentStore(storage, new TransactionalWriteAndSend(storage));
        _fulfilment = new FulfilmentService(_shipments, TimeProvider.System, NullLogger<FulfilmentService>.Instance);
    }

    [Fact]
    public async Task A_new_shipment_completes_its_message_in_the_same_write()
    {
        var delivery = await ReceiveAsync();

        var completed = await _fulfilment.FulfilAndCompleteAsync(
            delivery.Body,
            new QueueCompletion(_queue.Name, delivery));

        Assert.True(completed);
        Assert.Equal(0, await _queue.CountAsync());
        Assert.Equal(Confirmed.EventId, (await _shipments.GetAsync("o-1"))!.EventId);
    }

    [Fact]
    public async Task A_duplicate_event_creates_nothing_and_leaves_its_message_to_the_caller()
    {
        await _fulfilment.FulfilAsync(Body);
        var duplicate = await ReceiveAsync();

        var completed = await _fulfilment.FulfilAndCompleteAsync(
            duplicate.Body,
            new QueueCompletion(_queue.Name, duplicate));

        Assert.False(completed);
        Assert.Equal(1, await _queue.CountAsync());
    }

    [Fact]
    public async Task SimulatedFailures_fails_the_first_deliveries_of_each_order_then_one_creates_the_shipment()
    {
        var knob = new FulfilmentService(
            _shipments,
            TimeProvider.System,
            NullLogger<FulfilmentService>.Instance,
            new FulfilmentOptions { SimulatedFailures = 2 });
        var other = JsonSerializer.Serialize(
            Confirmed with { OrderId = "o-2", EventId = OrderConfirmed.EventIdFor("o-2") },
            OrdersJsonContext.Default.OrderConfirmed);

        await Assert.ThrowsAsync<TimeoutException>(() => knob.FulfilAsync(Body));
        await Assert.ThrowsAsync<TimeoutException>(() => knob.FulfilAsync(other));
        var second = await Assert.ThrowsAsync<TimeoutException>(() => knob.FulfilAsync(Body));

        Assert.Contains("Orders:Fulfilment:SimulatedFailures", second.Message, StringComparison.Ordinal);
        Assert.Null(await _shipments.GetAsync("o-1"));
        Assert.True(await knob.FulfilAsync(Body));
        Assert.Equal(Confirmed.EventId, (await _shipments.GetAsync("o-1"))!.EventId);
        Assert.Null(await _shipments.GetAsync("o-2"));
    }

    public void Dispose() => _database.Dispose();

    private static string Body => JsonSerializer.Serialize(Confirmed, OrdersJsonContext.Default.OrderConfirmed);

    private async Task<QueueMessage> ReceiveAsync()
    {
        await _queue.CreateIfNotExistsAsync();
        await _queue.SendAsync(Body);
        return Assert.Single(await _queue.ReceiveAsync(1, Visibility));
    }
}
