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
/// nothing. The message goes with the marker through <see cref="IWriteAndSend"/>: in one transaction where the host's
/// store has them (and then straight to a free <c>FulfilOrder</c> slot in this process), else sent before the marker is
/// written, so a crash between the two sends the event again on retry, with the same
/// <see cref="OrderConfirmed.EventId"/> for consumers to deduplicate: a queue offers no exactly-once send. Sinks get
/// the event before it is recorded, so may see it twice.
/// </summary>
public sealed class OrderEventPublisher
{
    /// <summary>The queue integration events go to.</summary>
    public const string QueueName = "order-events";

    private readonly OrderStore _orders;
    private readonly IQueue _queue;
    private readonly Lazy<Task> _created;
    private readonly IIntegrationEventSink[] _sinks;
    private readonly IWriteAndSend _writes;

    /// <summary>Creates the publisher.</summary>
    public OrderEventPublisher(IStorageProvider storage, OrderStore orders)
        : this(storage, orders, [])
    {
    }

    /// <summary>
    /// Creates the publisher; each of <paramref name="sinks"/> also gets every event, before it is recorded as sent.
    /// </summary>
    /// <param name="storage">Where the queue and the marker live.</param>
    /// <param name="orders">The orders, whose partitions hold the markers.</param>
    /// <param name="sinks">Where else events go.</param>
    /// <param name="writes">How the event goes with its marker; by default sent first, then marked
    /// (<see cref="SequentialWriteAndSend"/>).</param>
    public OrderEventPublisher(
        IStorageProvider storage,
        OrderStore orders,
        IEnumerable<IIntegrationEventSink> sinks,
        IWriteAndSend? writes = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(sinks);
        _sinks = [.. sinks];
        _orders = orders;
        _queue = storage.GetQueue(QueueName);
        _writes = writes ?? new SequentialWriteAndSend(storage);
        _created = new Lazy<Task>(async () =>
        {
            await _queue.CreateIfNotExistsAsync().ConfigureAwait(false);
            await _orders.EnsureCreatedAsync().ConfigureAwait(false);
        });
    }

    /// <summary>
    /// Sends <paramref name="confirmed"/> unless it was sent before. Returns whether this call sent it.
    /// </summary>
    public async Task<bool> PublishAsync(OrderConfirmed confirmed, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        var markerKey = "event:" + OrderConfirmed.TypeName;
        if (await _orders.Table.GetAsync(
            confirmed.OrderId,
            markerKey,
            cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        using var span = OrderEventSpans.StartSend(confirmed);
        confirmed = OrderEventSpans.Carrying(confirmed, span);
        var body = JsonSerializer.Serialize(confirmed, OrdersJsonContext.Default.OrderConfirmed);
        var marker = EntityValues.New(confirmed.OrderId, markerKey, ("eventId", confirmed.EventId));
        await _writes.WriteAndSendAsync(
                _orders.Table.Name,
                [TableOperation.Upsert(marker)],
                [new QueueSend(QueueName, body)],
                PublishToSinksAsync,
                cancellationToken)
            .ConfigureAwait(false);
        return true;

        async Task PublishToSinksAsync(CancellationToken cancellationToken)
        {
            foreach (var sink in _sinks)
            {
                // Before the marker: a failed sink fails the publish, which the saga retries (queue consumers and the
                // topic drop the repeated event by its id).
                await sink.PublishAsync(confirmed, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
