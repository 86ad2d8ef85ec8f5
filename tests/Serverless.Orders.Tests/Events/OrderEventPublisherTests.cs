using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Serverless.Orders.Events;
using Serverless.Orders.Ordering;
using Serverless.Orders.Serialization;
using Serverless.Orders.Tests.Support;
using Serverless.Storage;
using Serverless.Storage.InMemory;
using Serverless.Storage.Queues;
using Serverless.Workers.Queues;

namespace Serverless.Orders.Tests.Events;

public sealed class OrderEventPublisherTests
{
    private static readonly OrderConfirmed Confirmed =
        new(
            OrderConfirmed.EventIdFor("o-1"),
            "o-1",
            "c-1",
            [new OrderItem("A", 1, 2m, 2m)],
            2m,
            DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Publishing_an_orders_confirmation_again_sends_nothing_more()
    {
        var storage = new InMemoryStorageProvider();
        var publisher = new OrderEventPublisher(storage, new OrderStore(storage));

        var first = await publisher.PublishAsync(Confirmed);
        var second = await publisher.PublishAsync(Confirmed);

        Assert.Equal((true, false), (first, second));
        var message = Assert.Single(await storage.GetQueue(OrderEventPublisher.QueueName).ReceiveAsync(
            10,
            TimeSpan.FromMinutes(1)));
        using var json = JsonDocument.Parse(message.Body);
        Assert.Equal(
            ("OrderConfirmed", "o-1:OrderConfirmed"),
            (json.RootElement.GetProperty("type").GetString(), json.RootElement.GetProperty("eventId").GetString()));
        Assert.Equal(
            Confirmed,
            JsonSerializer.Deserialize(
                message.Body,
                OrdersJsonContext.Default.OrderConfirmed)! with { Items = Confirmed.Items });
    }

    [Fact]
    public async Task On_a_transactional_store_publishing_again_sends_nothing_more()
    {
        using var database = new TemporaryDatabase();
        var storage = database.CreateProvider();
        var transactional = storage.AsTransactional();
        Assert.NotNull(transactional);
        var publisher = new OrderEventPublisher(
            storage,
            new OrderStore(storage),
            [],
            new TransactionalWriteAndSend(transactional));

        var first = await publisher.PublishAsync(Confirmed);
        var second = await publisher.PublishAsync(Confirmed);

        Assert.Equal((true, false), (first, second));
        var message = Assert.Single(await storage.GetQueue(OrderEventPublisher.QueueName).ReceiveAsync(
            10,
            TimeSpan.FromMinutes(1)));
        Assert.Equal(
            Confirmed.EventId,
            JsonSerializer.Deserialize(message.Body, OrdersJsonContext.Default.OrderConfirmed)!.EventId);
    }

    [Fact]
    public async Task An_event_goes_straight_to_a_free_local_slot_of_its_queue_without_a_poll()
    {
        // The clock never moves and nothing signals the pump: after its first empty poll it waits for ever, so only the
        // hand-off can bring it the event.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var database = new TemporaryDatabase();
        var storage = database.CreateProvider(time);
        var local = new LocalQueueWorkers();
        var handled = new TaskCompletionSource<QueueMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pump = new QueuePump(
            storage.GetQueue(OrderEventPublisher.QueueName),
            (message, _) =>
            {
                handled.TrySetResult(message);
                return Task.FromResult(false);
            },
            new QueuePumpOptions { MaxConcurrency = 1 },
            time,
            localWorkers: local);
        using var stop = new CancellationTokenSource();
        var running = pump.RunAsync(stop.Token);
        await Eventually.ValueAsync(
            () => Task.FromResult(ReserveAndFree(local)),
            offered => offered,
            "the pump offers a slot");
        var publisher = new OrderEventPublisher(
            storage,
            new OrderStore(storage),
            [],
            new TransactionalWriteAndSend(storage, local, time));

        await publisher.PublishAsync(Confirmed);
        var message = await handled.Task.WithDeadline("the pump is handed the event");

        Assert.Equal(
            Confirmed.EventId,
            JsonSerializer.Deserialize(message.Body, OrdersJsonContext.Default.OrderConfirmed)!.EventId);
        await stop.CancelAsync();
        await running;
    }

    private static bool ReserveAndFree(LocalQueueWorkers local)
    {
        var slot = local.TryReserve(OrderEventPublisher.QueueName);
        slot?.Cancel();
        return slot is not null;
    }
}
