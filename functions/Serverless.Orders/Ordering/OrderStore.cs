using System.Text.Json;
using Serverless.Orders.Diagnostics;
using Serverless.Orders.Saga;
using Serverless.Orders.Serialization;
using Serverless.Storage;
using Serverless.Storage.Tables;
using Serverless.Orders.Rates;

namespace Serverless.Orders.Ordering;

/// <summary>
/// The order read model: one partition of the <c>Orders</c> table per order, holding its <c>order</c> row (and the
/// saga's markers, such as the one that records that <c>OrderConfirmed</c> was published). Status changes carry the
/// saga's sequence number and are applied only when newer than the row's, so a late redelivery of an older step changes
/// nothing.
/// </summary>
public sealed partial class OrderStore
{
    /// <summary>The table's name.</summary>
    public const string TableName = "Orders";

    internal const string OrderRow = "order";

    private readonly Lazy<Task> _created;
    private readonly OrdersMetrics? _metrics;
    private readonly OrderRates? _rates;

    /// <summary>
    /// Creates the store over <paramref name="storage"/>, counting the orders placed and settled in
    /// <paramref name="metrics"/> and <paramref name="rates"/> when given.
    /// </summary>
    public OrderStore(IStorageProvider storage, OrdersMetrics? metrics = null, OrderRates? rates = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _metrics = metrics;
        Table = storage.GetTable(TableName);
        _rates = rates;
        _created = new Lazy<Task>(() => Table.CreateIfNotExistsAsync().AsTask());
    }

    internal ITable Table { get; }

    internal Task EnsureCreatedAsync() => _created.Value;

    /// <summary>The order, or <see langword="null"/> when there is none with that id.</summary>
    public async Task<Order?> GetAsync(string orderId, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        var entity = await Table.GetAsync(orderId, OrderRow, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToOrder(entity);
    }

    /// <summary>
    /// Inserts the order a saga was started for, as <see cref="OrderStatus.Pending"/>; when it exists, leaves it alone
    /// and returns it with the fingerprint of the request that placed it. Idempotent: both the request that places an
    /// order and its saga call it, so the row exists whichever of them a crash interrupts.
    /// </summary>
    internal async Task<(Order Order, string? Fingerprint, bool Created)> CreateAsync(
        PlaceOrderInput placed,
        CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        var order = placed.ToPendingOrder();
        var entity = ToEntity(order, sequence: 0).With(
            ("idempotencyKey", placed.IdempotencyKey),
            ("fingerprint", placed.Fingerprint));
        try
        {
            await Table.InsertAsync(entity, cancellationToken).ConfigureAwait(false);
            _metrics?.Placed();
            _rates?.RecordPlaced(order.CreatedAt);
            return (order, placed.Fingerprint, true);
        }
        catch (TableConflictException exception) when (exception.Reason == TableConflictReason.EntityAlreadyExists)
        {
            return await GetWithFingerprintAsync(placed.OrderId, cancellationToken)
                .ConfigureAwait(false) is { } existing
                ? (existing.Order, existing.Fingerprint, false)
                : throw new StorageException($"Order {placed.OrderId} existed and then vanished.", exception);
        }
    }

    /// <summary>The order with the fingerprint of the request that placed it, or <see langword="null"/>.</summary>
    internal async Task<(Order Order, string? Fingerprint)?> GetWithFingerprintAsync(
        string orderId,
        CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        var entity = await Table.GetAsync(orderId, OrderRow, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : (ToOrder(entity), entity["fingerprint"]);
    }

    /// <summary>
    /// Moves the order to <paramref name="status"/> (with <paramref name="reason"/>) if <paramref name="sequence"/> is
    /// newer than the last change applied; otherwise changes nothing. Returns the order as stored afterwards.
    /// </summary>
    /// <exception cref="InvalidOperationException">The order does not exist, or is cancelled (cancelled is
    /// final).</exception>
    public async Task<Order> TransitionAsync(
        string orderId,
        OrderStatus status,
        string? reason,
        int sequence,
        DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var entity = await Table.GetAsync(orderId, OrderRow, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Order {orderId} does not exist.");
            var current = ToOrder(entity);
            if (sequence <= EntityValues.Long(entity, "sequence"))
            {
                return current;
            }

            if (current.Status == OrderStatus.Cancelled)
            {
                throw new InvalidOperationException($"Order {orderId} is cancelled; it cannot become {status}.");
            }

            var next = current with { Status = status, Reason = status == OrderStatus.Cancelled
                ? reason
                : null, UpdatedAt = at };
            // A status change ends any compensation on record; the commit and cancel markers stay (see
            // OrderStore.Recovery.cs).
            var updated = ToEntity(next, sequence).With(
                ("idempotencyKey", entity["idempotencyKey"]),
                ("fingerprint", entity["fingerprint"]),
                (CommittedAtColumn, entity[CommittedAtColumn]),
                (CancelRequestedAtColumn, entity[CancelRequestedAtColumn]));
            try
            {
                await Table.ReplaceAsync(updated, entity.ETag!, cancellationToken).ConfigureAwait(false);
                if (current.Status != status)
                {
                    _metrics?.Settled(status, next.Reason, at - current.CreatedAt);
                }

                // Settled: the first time the order reaches a final status (a confirmed order undone later counts
                // once).
                if (status is OrderStatus.Confirmed or OrderStatus.Cancelled
                    && current.Status != OrderStatus.Confirmed)
                {
                    _rates?.RecordSettled(at, at - current.CreatedAt);
                }

                return next;
            }
            catch (TableConflictException)
            {
                await Contention.BackoffAsync(attempt, $"updating order {orderId}", cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Records <paramref name="decision"/> on an order awaiting approval unless a decision is on record already, and
    /// returns the decision on record afterwards; <see langword="null"/> when the order does not exist or is not
    /// awaiting approval. The first decision wins: an approval, a rejection and the saga's timeout race here, under the
    /// row's ETag.
    /// </summary>
    public async Task<ApprovalDecision?> RecordDecisionAsync(
        string orderId,
        ApprovalDecision decision,
        CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var entity = await Table.GetAsync(orderId, OrderRow, cancellationToken).ConfigureAwait(false);
            if (entity?["decision"] is { } recorded)
            {
                return Enum.Parse<ApprovalDecision>(recorded);
            }

            if (entity is null || ToOrder(entity).Status != OrderStatus.AwaitingApproval)
            {
                return null;
            }

            try
            {
                await Table.ReplaceAsync(
                    entity.With(("decision", decision.ToString())),
                    entity.ETag!,
                    cancellationToken)
                    .ConfigureAwait(false);
                return decision;
            }
            catch (TableConflictException)
            {
                await Contention.BackoffAsync(attempt, $"deciding order {orderId}", cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Whether the decision on record was delivered to the saga already (see <see cref="MarkDecisionDeliveredAsync"/>).
    /// </summary>
    public async Task<bool> IsDecisionDeliveredAsync(string orderId, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        var entity = await Table.GetAsync(orderId, OrderRow, cancellationToken).ConfigureAwait(false);
        return entity?["decisionDelivered"] is not null;
    }

    /// <summary>
    /// Notes that the decision on record was raised to the saga, so repeating the request raises nothing more. Raising
    /// comes first: a crash in between raises the decision again, which the saga (waiting for one decision) ignores.
    /// </summary>
    public async Task MarkDecisionDeliveredAsync(string orderId, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var entity = await Table.GetAsync(orderId, OrderRow, cancellationToken).ConfigureAwait(false);
            if (entity is null || entity["decisionDelivered"] is not null)
            {
                return;
            }

            try
            {
                await Table.ReplaceAsync(entity.With(("decisionDelivered", "true")), entity.ETag!, cancellationToken)
                    .ConfigureAwait(false);
                return;
            }
            catch (TableConflictException)
            {
                await Contention.BackoffAsync(
                    attempt,
                    $"noting the decision on order {orderId} delivered",
                    cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    private static TableEntity ToEntity(Order order, int sequence) =>
        EntityValues.New(
            order.OrderId,
            OrderRow,
            ("customerId", order.CustomerId),
            ("status", order.Status.ToString()),
            ("items", JsonSerializer.Serialize(order.Items, OrdersJsonContext.Default.IReadOnlyListOrderItem)),
            ("total", EntityValues.Format(order.Total)),
            ("reason", order.Reason),
            ("createdAt", EntityValues.Format(order.CreatedAt)),
            ("updatedAt", EntityValues.Format(order.UpdatedAt)),
            ("sequence", EntityValues.Format(sequence)));

    private static Order ToOrder(TableEntity entity) => new(
        entity.PartitionKey,
        entity["customerId"]!,
        Enum.Parse<OrderStatus>(entity["status"]!),
        JsonSerializer.Deserialize(entity["items"]!, OrdersJsonContext.Default.IReadOnlyListOrderItem)!,
        EntityValues.Decimal(entity, "total"),
        entity["reason"],
        EntityValues.Time(entity, "createdAt"),
        EntityValues.Time(entity, "updatedAt"),
        CompensationOf(entity));
}
