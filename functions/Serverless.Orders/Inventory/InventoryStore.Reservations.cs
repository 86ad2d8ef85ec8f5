using Serverless.Storage.Tables;

namespace Serverless.Orders.Inventory;

public sealed partial class InventoryStore
{
    internal const string ReservationPrefix = "reservation:";

    /// <summary>
    /// Reserves every line for <paramref name="orderId"/> (the TCC "try"): each SKU in its own atomic batch, in SKU
    /// order. When a SKU is short, records that (so a repeated call answers the same), releases the lines already
    /// reserved and reports the short SKU. Idempotent per (order, SKU): a repeated call reserves nothing twice and
    /// reports the same outcome; a call after <see cref="ReleaseAsync"/> reserves nothing.
    /// </summary>
    public async Task<ReservationOutcome> ReserveAsync(
        string orderId,
        IReadOnlyList<StockLine> lines,
        CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        var ordered = lines.OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
        var skus = ordered.Select(l => l.Sku).ToList();

        // A repeated call first looks for the outcome an earlier call settled on.
        var reads = new Dictionary<string, ReservationRead>(StringComparer.Ordinal);
        var earlier = new List<(StockLine Line, TableEntity Row)>();
        foreach (var line in ordered)
        {
            var row = await _table.GetAsync(line.Sku, ReservationRow(orderId), cancellationToken).ConfigureAwait(false);
            reads[line.Sku] = new ReservationRead(row);
            if (row is not null)
            {
                earlier.Add((line, row));
            }
        }

        if (earlier.FirstOrDefault(e => State(e.Row) == ReservationState.Rejected) is { Row: not null } rejected)
        {
            await ReleaseAsync(orderId, skus, cancellationToken).ConfigureAwait(false);
            return ReservationOutcome.OutOfStock(
                rejected.Line.Sku,
                rejected.Line.Quantity,
                EntityValues.Long(rejected.Row, "available"));
        }

        if (earlier.FirstOrDefault(e => State(e.Row) == ReservationState.Released) is { Row: not null } released)
        {
            await ReleaseAsync(orderId, skus, cancellationToken).ConfigureAwait(false);
            return ReservationOutcome.Released(released.Line.Sku);
        }

        foreach (var line in ordered)
        {
            var outcome = await ReserveLineAsync(orderId, line, reads[line.Sku], cancellationToken)
                .ConfigureAwait(false);
            if (!outcome.Reserved)
            {
                await ReleaseAsync(orderId, skus, cancellationToken).ConfigureAwait(false);
                return outcome;
            }
        }

        return ReservationOutcome.Success;
    }

    /// <summary>
    /// Moves the order's reserved units of each SKU to sold (the TCC "confirm"). Idempotent: a committed SKU is left as
    /// it is.
    /// </summary>
    /// <exception cref="InvalidOperationException">A SKU has no live reservation for the order (never reserved, or
    /// released).</exception>
    public async Task CommitAsync(
        string orderId,
        IEnumerable<string> skus,
        CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        foreach (var sku in skus.Order(StringComparer.Ordinal))
        {
            await ChangeReservationAsync(orderId, sku, commit: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Returns the order's units of each SKU to available (the TCC "cancel"): reserved units, and also committed units
    /// (a restock, so a saga that fails after committing can still undo it). Idempotent, and a no-op for a SKU with
    /// nothing to return (released already, or rejected). For a SKU the order never reserved it leaves a tombstone, so
    /// a late reservation attempt for the order reserves nothing.
    /// </summary>
    public async Task ReleaseAsync(
        string orderId,
        IEnumerable<string> skus,
        CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        foreach (var sku in skus.Order(StringComparer.Ordinal))
        {
            await ChangeReservationAsync(orderId, sku, commit: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<ReservationOutcome> ReserveLineAsync(
        string orderId,
        StockLine line,
        ReservationRead known,
        CancellationToken cancellationToken) =>
        _changes.ApplyAsync(line.Sku, new StockChange(StockChangeKind.Reserve, orderId, line.Quantity, known))
            .WaitAsync(cancellationToken);

    private Task<ReservationOutcome> ChangeReservationAsync(
        string orderId,
        string sku,
        bool commit,
        CancellationToken cancellationToken) =>
        _changes.ApplyAsync(sku, new StockChange(commit ? StockChangeKind.Commit : StockChangeKind.Release, orderId, 0))
            .WaitAsync(cancellationToken);

    /// <summary>
    /// Applies a group of queued changes to <paramref name="sku"/> in one batch: reads the stock row and each order's
    /// reservation row (on the first attempt, the one a change brought if it did), decides the changes in order,
    /// writes, and on a conflict (another process wrote first) reads and decides them all again.
    /// </summary>
    private async Task ApplyChangesAsync(string sku, IReadOnlyList<StockChange> group)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stockRow = await _table.GetAsync(sku, StockRow).ConfigureAwait(false);
            var reservations = new Dictionary<string, TableEntity?>(StringComparer.Ordinal);
            foreach (var orderId in group.Select(c => c.OrderId).Distinct(StringComparer.Ordinal))
            {
                reservations[orderId] = attempt == 1 && group.First(c => c.OrderId == orderId).Known is { } known
                    ? known.Row
                    : await _table.GetAsync(sku, ReservationRow(orderId)).ConfigureAwait(false);
            }

            var batch = new StockChangeBatch(
                sku, stockRow, reservations, ToEntity, (orderId, state, quantity) =>
                    Reservation(sku, orderId, state, quantity),
                EntityValues.Format(_time.GetUtcNow()));
            var decided = group.Select(batch.Decide).ToList();
            var operations = batch.Operations();
            if (operations.Count > 0)
            {
                try
                {
                    await _table.ExecuteBatchAsync(operations).ConfigureAwait(false);
                }
                catch (TableConflictException)
                {
                    await Contention.BackoffAsync(
                        attempt,
                        $"changing the stock of {sku} for {group.Count} order(s)",
                        CancellationToken.None)
                        .ConfigureAwait(false);
                    continue;
                }
            }

            for (var i = 0; i < group.Count; i++)
            {
                if (decided[i].Error is { } error)
                {
                    group[i].Fail(error);
                }
                else
                {
                    group[i].Succeed(decided[i].Outcome!);
                }
            }

            return;
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

    internal static ReservationState State(TableEntity row) => Enum.Parse<ReservationState>(row["state"]!);
}
