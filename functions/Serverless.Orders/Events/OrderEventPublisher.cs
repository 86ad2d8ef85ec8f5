using System.Text.Json;
using Serverless.Orders.Ordering;
using Serverless.Orders.Serialization;
using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Orders.Events;

/// <summary>
/// Publishes integration events to the <c>order-events</c> queue, once per order and event type: a marker row in the
/// order's partition (<c>event:OrderConfirmed</c>) records that it was sent, and a repeated publish finds it and sends
/// nothing. A crash between the send and the marker sends the event again on retry, with the same
/// <see cref="OrderConfirmed.EventId"/> for consumers to deduplicate: a queue offers no exactly-once send.
/// </summary>
public sealed class OrderEventPublisher
{
    /// <summary>The queue integration events go to.</summary>
    public const string QueueName = "order-events";

    private readonly OrderStore _orders;
    private readonly IQueue _queue;
    private readonly Lazy<Task> _created;
    private readonly IIntegrationEventSink[] _sinks;

    /// <summary>Creates the publisher.</summary>
    public OrderEventPublisher(IStorageProvider storage, OrderStore orders)
        : this(storage, orders, [])
    {
    }

    /// <summary>Creates the publisher; each of <paramref name="sinks"/> also gets every event, before it is recorded as sent.</summary>
    public OrderEventPublisher(IStorageProvider storage, OrderStore orders, IEnumerable<IIntegrationEventSink> sinks)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(sinks);
        _sinks = [.. sinks];
        _orders = orders;
        _queue = storage.GetQueue(QueueName);
        _created = new Lazy<Task>(async () =>
        {
            await _queue.CreateIfNotExistsAsync().ConfigureAwait(false);
            await _orders.EnsureCreatedAsync().ConfigureAwait(false);
        });
    }

    /// <summary>Sends <paramref name="confirmed"/> unless it was sent before. Returns whether this call sent it.</summary>
    public async Task<bool> PublishAsync(OrderConfirmed confirmed, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        var markerKey = "event:" + OrderConfirmed.TypeName;
        if (await _orders.Table.GetAsync(confirmed.OrderId, markerKey, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var messageId = await _queue.SendAsync(JsonSerializer.Serialize(confirmed, OrdersJsonContext.Default.OrderConfirmed), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        foreach (var sink in _sinks)
        {
            // Before the marker: a failed sink fails the publish, which the saga retries (queue consumers and the topic
            // drop the repeated event by its id).
            await sink.PublishAsync(confirmed, cancellationToken).ConfigureAwait(false);
        }

        var marker = EntityValues.New(confirmed.OrderId, markerKey, ("eventId", confirmed.EventId), ("messageId", messageId));
        await _orders.Table.UpsertAsync(marker, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
