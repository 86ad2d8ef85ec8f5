using System.Text.Json;
using Serverless.Orders.Ordering;
using Serverless.Orders.Serialization;
using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;
using Serverless.Workers.Queues;

namespace Serverless.Orders.Events;

/// <summary>
/// Publishes integration events to the <c>order-events</c> queue, once per order and event type: a marker row in the
/// order's partition (<c>event:OrderConfirmed</c>) records that it was sent, and a repeated publish finds it and sends
/// nothing. Where the store is transactional (SQLite) the message and the marker are written together, and the message
/// goes straight to a free <c>FulfilOrder</c> slot in this process when there is one; elsewhere a crash between the send
/// and the marker sends the event again on retry, with the same <see cref="OrderConfirmed.EventId"/> for consumers to
/// deduplicate: a queue offers no exactly-once send. Sinks get the event before it is recorded, so may see it twice.
/// </summary>
public sealed class OrderEventPublisher
{
    /// <summary>The queue integration events go to.</summary>
    public const string QueueName = "order-events";

    private readonly OrderStore _orders;
    private readonly IQueue _queue;
    private readonly Lazy<Task> _created;
    private readonly IIntegrationEventSink[] _sinks;
    private readonly ITransactionalStorage? _transactional;
    private readonly LocalQueueWorkers _localWorkers;
    private readonly TimeProvider _time;

    /// <summary>Creates the publisher.</summary>
    public OrderEventPublisher(IStorageProvider storage, OrderStore orders)
        : this(storage, orders, [])
    {
    }

    /// <summary>Creates the publisher; each of <paramref name="sinks"/> also gets every event, before it is recorded as sent.</summary>
    /// <param name="storage">Where the queue and the marker live.</param>
    /// <param name="orders">The orders, whose partitions hold the markers.</param>
    /// <param name="sinks">Where else events go.</param>
    /// <param name="localWorkers">This process's queue pumps, to hand an event to a free slot of (transactional stores only).</param>
    /// <param name="timeProvider">The clock that stamps handed-over messages.</param>
    public OrderEventPublisher(
        IStorageProvider storage,
        OrderStore orders,
        IEnumerable<IIntegrationEventSink> sinks,
        LocalQueueWorkers? localWorkers = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(sinks);
        _sinks = [.. sinks];
        _orders = orders;
        _queue = storage.GetQueue(QueueName);
        _transactional = storage.AsTransactional();
        _localWorkers = localWorkers ?? new LocalQueueWorkers();
        _time = timeProvider ?? TimeProvider.System;
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

        var body = JsonSerializer.Serialize(confirmed, OrdersJsonContext.Default.OrderConfirmed);
        var marker = EntityValues.New(confirmed.OrderId, markerKey, ("eventId", confirmed.EventId));
        if (_transactional is null)
        {
            await _queue.SendAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var sink in _sinks)
        {
            // Before the marker: a failed sink fails the publish, which the saga retries (queue consumers and the topic
            // drop the repeated event by its id).
            await sink.PublishAsync(confirmed, cancellationToken).ConfigureAwait(false);
        }

        if (_transactional is null)
        {
            await _orders.Table.UpsertAsync(marker, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _localWorkers.ExecuteBatchAndHandOverAsync(
                _transactional, _orders.Table.Name, [TableOperation.Upsert(marker)], [new QueueSend(QueueName, body)], null, _time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
        }

        return true;
    }
}
