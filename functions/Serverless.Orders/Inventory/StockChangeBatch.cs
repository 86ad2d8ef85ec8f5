using Serverless.Storage.Tables;

namespace Serverless.Orders.Inventory;

/// <summary>
/// A group of changes to one SKU decided together over one read of its rows: each change in turn sees the stock and the
/// reservation rows as the changes before it left them, and the group writes the stock row once and each reservation
/// row once, in one atomic batch guarded by the ETags it read.
/// </summary>
internal sealed class StockChangeBatch
{
    private readonly string _sku;
    private readonly TableEntity? _stockRow;
    private readonly IReadOnlyDictionary<string, TableEntity?> _readRows;
    private readonly Dictionary<string, TableEntity?> _rows;
    private readonly HashSet<string> _changedRows = new(StringComparer.Ordinal);
    private readonly Func<StockLevel, TableEntity> _toEntity;
    private readonly Func<string, ReservationState, long, TableEntity> _newReservation;
    private readonly string _now;
    private StockLevel? _level;
    private bool _stockChanged;

    public StockChangeBatch(
        string sku,
        TableEntity? stockRow,
        IReadOnlyDictionary<string, TableEntity?> reservationRows,
        Func<StockLevel, TableEntity> toEntity,
        Func<string, ReservationState, long, TableEntity> newReservation,
        string now)
    {
        _sku = sku;
        _stockRow = stockRow;
        _level = stockRow is null ? null : InventoryStore.ToLevel(stockRow);
        _readRows = reservationRows;
        _rows = new Dictionary<string, TableEntity?>(reservationRows, StringComparer.Ordinal);
        _toEntity = toEntity;
        _newReservation = newReservation;
        _now = now;
    }

    /// <summary>Decides <paramref name="change"/>: its outcome, or the error that fails it alone.</summary>
    public (ReservationOutcome? Outcome, Exception? Error) Decide(StockChange change)
    {
        try
        {
            return (change.Kind switch
            {
                StockChangeKind.Reserve => Reserve(change.OrderId, change.Quantity),
                StockChangeKind.Commit => Commit(change.OrderId),
                _ => Release(change.OrderId),
            }, null);
        }
        catch (InvalidOperationException exception)
        {
            return (null, exception);
        }
    }

    /// <summary>The batch that writes what the decided changes did (empty when they changed nothing).</summary>
    public List<TableOperation> Operations()
    {
        var operations = new List<TableOperation>(_changedRows.Count + 1);
        if (_stockChanged)
        {
            operations.Add(TableOperation.Replace(_toEntity(_level!), _stockRow!.ETag!));
        }

        foreach (var orderId in _changedRows)
        {
            var row = _rows[orderId]!;
            operations.Add(_readRows[orderId] is { } read
                ? TableOperation.Replace(row, read.ETag!)
                : TableOperation.Insert(row));
        }

        return operations;
    }

    private ReservationOutcome Reserve(string orderId, long quantity)
    {
        if (_rows[orderId] is { } existing)
        {
            return InventoryStore.State(existing) switch
            {
                ReservationState.Reserved or ReservationState.Committed => ReservationOutcome.Success,
                ReservationState.Rejected =>
                    ReservationOutcome.OutOfStock(_sku, quantity, EntityValues.Long(existing, "available")),
                _ => ReservationOutcome.Released(_sku),
            };
        }

        if (_level is null || _level.Available < quantity)
        {
            // Recorded so that every later call for this (order, SKU) answers "short" the same way.
            var available = _level?.Available ?? 0;
            Write(
                orderId,
                _newReservation(orderId, ReservationState.Rejected, quantity).With((
                    "available",
                    EntityValues.Format(available))));
            return ReservationOutcome.OutOfStock(_sku, quantity, available);
        }

        ChangeStock(_level with { Available = _level.Available - quantity, Reserved = _level.Reserved + quantity });
        Write(orderId, _newReservation(orderId, ReservationState.Reserved, quantity));
        return ReservationOutcome.Success;
    }

    private ReservationOutcome Commit(string orderId)
    {
        var row = _rows[orderId];
        var state = row is null ? (ReservationState?)null : InventoryStore.State(row);
        switch (state)
        {
            case ReservationState.Committed:
                break;
            case ReservationState.Reserved:
                Move(
                    orderId,
                    row!,
                    ReservationState.Committed,
                    (s, q) => s with { Reserved = s.Reserved - q, Sold = s.Sold + q });
                break;
            default:
                throw new InvalidOperationException($"Order {orderId} has no reservation of {_sku} to commit (it is " +
                    $"{state?.ToString() ?? "absent"}).");
        }

        return ReservationOutcome.Success;
    }

    private ReservationOutcome Release(string orderId)
    {
        var row = _rows[orderId];
        switch (row is null ? (ReservationState?)null : InventoryStore.State(row))
        {
            case null:
                // A tombstone: a late reservation attempt for the order reserves nothing.
                Write(orderId, _newReservation(orderId, ReservationState.Released, 0));
                break;
            case ReservationState.Reserved:
                Move(
                    orderId,
                    row!,
                    ReservationState.Released,
                    (s, q) => s with { Reserved = s.Reserved - q, Available = s.Available + q });
                break;
            case ReservationState.Committed:
                Move(
                    orderId,
                    row!,
                    ReservationState.Released,
                    (s, q) => s with { Sold = s.Sold - q, Available = s.Available + q });
                break;
        }

        return ReservationOutcome.Success;
    }

    private void Move(string orderId, TableEntity row, ReservationState to, Func<StockLevel, long, StockLevel> change)
    {
        var level = _level
            ?? throw new InvalidOperationException($"SKU {_sku} has a reservation for {orderId} but no stock row.");
        ChangeStock(change(level, EntityValues.Long(row, "quantity")));
        Write(orderId, row.With(("state", to.ToString()), ("from", row["state"]), ("updatedAt", _now)));
    }

    private void ChangeStock(StockLevel level)
    {
        _level = level;
        _stockChanged = true;
    }

    private void Write(string orderId, TableEntity row)
    {
        _rows[orderId] = row;
        _changedRows.Add(orderId);
    }
}
