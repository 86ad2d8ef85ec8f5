using Serverless.Storage.Tables;

namespace Serverless.Orders.Inventory;

public sealed partial class InventoryStore
{
    internal const string ReservationPrefix = "reservation:";

    /// <summary>
    /// Reserves every line for <paramref name="orderId"/> (the TCC "try"): each SKU in its own atomic batch, in SKU order.
    /// When a SKU is short, records that (so a repeated call answers the same), releases the lines already reserved and
    /// reports the short SKU. Idempotent per (order, SKU): a repeated call reserves nothing twice and reports the same
    /// outcome; a call after <see cref="ReleaseAsync"/> reserves nothing.
    /// </summary>
    public async Task<ReservationOutcome> ReserveAsync(string orderId, IReadOnlyList<StockLine> lines, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        var ordered = lines.OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
        var skus = ordered.Select(l => l.Sku).ToList();

        // A repeated call first looks for the outcome an earlier call settled on.
        var earlier = new List<(StockLine Line, TableEntity Row)>();
        foreach (var line in ordered)
        {
            if (await _table.GetAsync(line.Sku, ReservationRow(orderId), cancellationToken).ConfigureAwait(false) is { } row)
            {
                earlier.Add((line, row));
            }
        }

        if (earlier.FirstOrDefault(e => State(e.Row) == ReservationState.Rejected) is { Row: not null } rejected)
        {
            await ReleaseAsync(orderId, skus, cancellationToken).ConfigureAwait(false);
            return ReservationOutcome.OutOfStock(rejected.Line.Sku, rejected.Line.Quantity, EntityValues.Long(rejected.Row, "available"));
        }

        if (earlier.FirstOrDefault(e => State(e.Row) == ReservationState.Released) is { Row: not null } released)
        {
            await ReleaseAsync(orderId, skus, cancellationToken).ConfigureAwait(false);
            return ReservationOutcome.Released(released.Line.Sku);
        }

        foreach (var line in ordered)
        {
            var outcome = await ReserveLineAsync(orderId, line, cancellationToken).ConfigureAwait(false);
            if (!outcome.Reserved)
            {
                await ReleaseAsync(orderId, skus, cancellationToken).ConfigureAwait(false);
                return outcome;
            }
        }

        return ReservationOutcome.Success;
    }

    /// <summary>
    /// Moves the order's reserved units of each SKU to sold (the TCC "confirm"). Idempotent: a committed SKU is left as it is.
    /// </summary>
    /// <exception cref="InvalidOperationException">A SKU has no live reservation for the order (never reserved, or released).</exception>
    public async Task CommitAsync(string orderId, IEnumerable<string> skus, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        foreach (var sku in skus.Order(StringComparer.Ordinal))
        {
            await ChangeReservationAsync(orderId, sku, commit: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Returns the order's units of each SKU to available (the TCC "cancel"): reserved units, and also committed units (a
    /// restock, so a saga that fails after committing can still undo it). Idempotent, and a no-op for a SKU with nothing
    /// to return (released already, or rejected). For a SKU the order never reserved it leaves a tombstone, so a late
    /// reservation attempt for the order reserves nothing.
    /// </summary>
    public async Task ReleaseAsync(string orderId, IEnumerable<string> skus, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        foreach (var sku in skus.Order(StringComparer.Ordinal))
        {
            await ChangeReservationAsync(orderId, sku, commit: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ReservationOutcome> ReserveLineAsync(string orderId, StockLine line, CancellationToken cancellationToken)
    {
        using var turn = await _gates.EnterAsync(line.Sku, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await _table.GetAsync(line.Sku, ReservationRow(orderId), cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return State(existing) switch
                {
                    ReservationState.Reserved or ReservationState.Committed => ReservationOutcome.Success,
                    ReservationState.Rejected => ReservationOutcome.OutOfStock(line.Sku, line.Quantity, EntityValues.Long(existing, "available")),
                    _ => ReservationOutcome.Released(line.Sku),
                };
            }

            var stockEntity = await _table.GetAsync(line.Sku, StockRow, cancellationToken).ConfigureAwait(false);
            var stock = stockEntity is null ? null : ToLevel(stockEntity);
            var reservation = Reservation(line.Sku, orderId, ReservationState.Reserved, line.Quantity);
            IReadOnlyList<TableOperation> batch;
            ReservationOutcome outcome;
            if (stock is null || stock.Available < line.Quantity)
            {
                // Recorded so that every later call for this (order, SKU) answers "short" the same way.
                var available = stock?.Available ?? 0;
                batch = [TableOperation.Insert(Reservation(line.Sku, orderId, ReservationState.Rejected, line.Quantity).With(("available", EntityValues.Format(available))))];
                outcome = ReservationOutcome.OutOfStock(line.Sku, line.Quantity, available);
            }
            else
            {
                var reserved = stock with { Available = stock.Available - line.Quantity, Reserved = stock.Reserved + line.Quantity };
                batch = [TableOperation.Replace(ToEntity(reserved), stockEntity!.ETag!), TableOperation.Insert(reservation)];
                outcome = ReservationOutcome.Success;
            }

            try
            {
                await _table.ExecuteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                return outcome;
            }
            catch (TableConflictException)
            {
                await Contention.BackoffAsync(attempt, $"reserving {line.Sku} for {orderId}", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ChangeReservationAsync(string orderId, string sku, bool commit, CancellationToken cancellationToken)
    {
        using var turn = await _gates.EnterAsync(sku, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var row = await _table.GetAsync(sku, ReservationRow(orderId), cancellationToken).ConfigureAwait(false);
            var state = row is null ? (ReservationState?)null : State(row);
            IReadOnlyList<TableOperation>? batch = (commit, state) switch
            {
                (true, ReservationState.Committed) => null,
                (true, ReservationState.Reserved) => await MoveAsync(row!, ReservationState.Committed, s => s with { Reserved = s.Reserved - Quantity(row!), Sold = s.Sold + Quantity(row!) }).ConfigureAwait(false),
                (true, _) => throw new InvalidOperationException($"Order {orderId} has no reservation of {sku} to commit (it is {state?.ToString() ?? "absent"})."),
                (false, null) => [TableOperation.Insert(Reservation(sku, orderId, ReservationState.Released, 0))],
                (false, ReservationState.Reserved) => await MoveAsync(row!, ReservationState.Released, s => s with { Reserved = s.Reserved - Quantity(row!), Available = s.Available + Quantity(row!) }).ConfigureAwait(false),
                (false, ReservationState.Committed) => await MoveAsync(row!, ReservationState.Released, s => s with { Sold = s.Sold - Quantity(row!), Available = s.Available + Quantity(row!) }).ConfigureAwait(false),
                (false, _) => null,
            };
            if (batch is null)
            {
                return;
            }

            try
            {
                await _table.ExecuteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableConflictException)
            {
                await Contention.BackoffAsync(attempt, $"{(commit ? "committing" : "releasing")} {sku} of {orderId}", cancellationToken).ConfigureAwait(false);
            }
        }

        async Task<IReadOnlyList<TableOperation>> MoveAsync(TableEntity row, ReservationState to, Func<StockLevel, StockLevel> change)
        {
            var stockEntity = await _table.GetAsync(sku, StockRow, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"SKU {sku} has a reservation for {orderId} but no stock row.");
            var moved = row.With(("state", to.ToString()), ("from", row["state"]), ("updatedAt", EntityValues.Format(_time.GetUtcNow())));
            return [TableOperation.Replace(ToEntity(change(ToLevel(stockEntity))), stockEntity.ETag!), TableOperation.Replace(moved, row.ETag!)];
        }
    }

    private TableEntity Reservation(string sku, string orderId, ReservationState state, long quantity) =>
        EntityValues.New(
            sku,
            ReservationRow(orderId),
            ("orderId", orderId),
            ("state", state.ToString()),
            ("quantity", EntityValues.Format(quantity)),
            ("updatedAt", EntityValues.Format(_time.GetUtcNow())));

    private static string ReservationRow(string orderId) => ReservationPrefix + orderId;

    private static ReservationState State(TableEntity row) => Enum.Parse<ReservationState>(row["state"]!);

    private static long Quantity(TableEntity row) => EntityValues.Long(row, "quantity");
}
