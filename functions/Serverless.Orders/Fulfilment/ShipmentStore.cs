using System.Text.Json;
using Serverless.Orders.Serialization;
using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Orders.Fulfilment;

/// <summary>
/// Shipments: one partition of the <c>Shipments</c> table per order, holding the <c>shipment</c> row and an
/// <c>event:&lt;eventId&gt;</c> row for the event that created it. Both are inserted in one atomic batch, so a shipment
/// is created once per event and never half-written.
/// </summary>
public sealed class ShipmentStore
{
    /// <summary>The table's name.</summary>
    public const string TableName = "Shipments";

    private const string ShipmentRow = "shipment";
    private readonly ITable _table;
    private readonly IWriteAndSend _writes;
    private readonly Lazy<Task> _created;

    /// <summary>Creates the store over <paramref name="storage"/>.</summary>
    /// <param name="storage">Where the table lives.</param>
    /// <param name="writes">
    /// How a shipment's write completes the message that caused it; by default it does not, and the caller completes it
    /// (<see cref="SequentialWriteAndSend"/>).
    /// </param>
    public ShipmentStore(IStorageProvider storage, IWriteAndSend? writes = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _table = storage.GetTable(TableName);
        _writes = writes ?? new SequentialWriteAndSend(storage);
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync().AsTask());
    }

    /// <summary>The order's shipment, or <see langword="null"/> before fulfilment created one.</summary>
    public async Task<Shipment?> GetAsync(string orderId, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        var entity = await _table.GetAsync(orderId, ShipmentRow, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        var items = JsonSerializer.Deserialize(
            entity["items"] ?? "[]",
            OrdersJsonContext.Default.IReadOnlyListOrderItem)
            ?? [];
        return new Shipment(
            entity["shipmentId"]!,
            orderId,
            entity["eventId"]!,
            entity["customerId"]!,
            items,
            EntityValues.Time(entity, "createdAt"));
    }

    /// <summary>
    /// Inserts <paramref name="shipment"/> with the marker of its event in one batch. Returns <see langword="false"/>,
    /// and writes nothing, when the event or the order's shipment is already recorded.
    /// </summary>
    public async Task<bool> TryCreateAsync(Shipment shipment, CancellationToken cancellationToken = default) =>
        (await TryCreateAsync(shipment, null, cancellationToken).ConfigureAwait(false)).Created;

    /// <summary>
    /// <see cref="TryCreateAsync(Shipment, CancellationToken)"/>, and the completion of <paramref name="completing"/>
    /// in the same write where the store can (<see cref="IWriteAndSend.WriteAndCompleteAsync"/>): whether the shipment
    /// was created, and whether the message was completed.
    /// </summary>
    internal async Task<(bool Created, bool Completed)> TryCreateAsync(
        Shipment shipment,
        QueueCompletion? completing,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        await _created.Value.ConfigureAwait(false);
        var row = EntityValues.New(
            shipment.OrderId,
            ShipmentRow,
            ("shipmentId", shipment.ShipmentId),
            ("eventId", shipment.EventId),
            ("customerId", shipment.CustomerId),
            ("items", JsonSerializer.Serialize(shipment.Items, OrdersJsonContext.Default.IReadOnlyListOrderItem)),
            ("createdAt", EntityValues.Format(shipment.CreatedAt)));
        var marker = EntityValues.New(
            shipment.OrderId,
            "event:" + shipment.EventId,
            ("shipmentId", shipment.ShipmentId));
        TableOperation[] inserts = [TableOperation.Insert(marker), TableOperation.Insert(row)];
        try
        {
            if (completing is not null)
            {
                return (
                    true,
                    await _writes.WriteAndCompleteAsync(TableName, inserts, completing, cancellationToken)
                        .ConfigureAwait(false));
            }

            await _table.ExecuteBatchAsync(inserts, cancellationToken).ConfigureAwait(false);
            return (true, false);
        }
        catch (TableConflictException exception) when (exception.Reason == TableConflictReason.EntityAlreadyExists)
        {
            return (false, false);
        }
    }
}
