using Serverless.Storage;
using Serverless.Storage.Tables;

namespace Serverless.Orders.Inventory;

/// <summary>
/// Stock per SKU, with try/confirm/cancel reservations for orders. Each SKU is one partition of the <c>Inventory</c>
/// table: its <c>stock</c> row (available, reserved, sold, unit price) and one <c>reservation:&lt;orderId&gt;</c> row
/// per order that asked for it. Every change to the stock row is written in one atomic batch with the reservation row
/// it concerns, guarded by both rows' ETags and retried on conflict, so concurrent orders never oversell and a repeated
/// call for the same (order, SKU) finds the row it left and does nothing twice.
/// </summary>
public sealed partial class InventoryStore
{
    /// <summary>The table's name.</summary>
    public const string TableName = "Inventory";

    internal const string StockRow = "stock";

    private readonly ITable _table;
    private readonly TimeProvider _time;
    private readonly Lazy<Task> _created;
    private readonly StockChangeQueue _changes;

    /// <summary>Creates the store over <paramref name="storage"/>.</summary>
    public InventoryStore(IStorageProvider storage, TimeProvider? timeProvider = null)
    {
        _table = storage.GetTable(TableName);
        _time = timeProvider ?? TimeProvider.System;
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync().AsTask());
        _changes = new StockChangeQueue(ApplyChangesAsync);
    }

    /// <summary>
    /// Sets the stock of <paramref name="sku"/> that is free to sell to <paramref name="quantity"/>, and its price.
    /// Units already reserved or sold are kept as they are, so afterwards the SKU's total (available + reserved + sold)
    /// is <paramref name="quantity"/> plus those. Creates the SKU if it is new. Orders keep the price they were placed
    /// at.
    /// </summary>
    public async Task<StockLevel> SetStockAsync(
        string sku,
        long quantity,
        decimal unitPrice,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(unitPrice);
        await _created.Value.ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var current = await _table.GetAsync(sku, StockRow, cancellationToken).ConfigureAwait(false);
            var level = current is null
                ? new StockLevel(sku, quantity, 0, 0, unitPrice)
                : ToLevel(current) with { Available = quantity, UnitPrice = unitPrice };
            var entity = ToEntity(level);
            try
            {
                await _table.ExecuteBatchAsync(
                    [current is null ? TableOperation.Insert(entity) : TableOperation.Replace(entity, current.ETag!)],
                    cancellationToken).ConfigureAwait(false);
                return level;
            }
            catch (TableConflictException)
            {
                await Contention.BackoffAsync(attempt, $"setting the stock of {sku}", cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    /// <summary>The stock of <paramref name="sku"/>, or <see langword="null"/> for a SKU that was never set.</summary>
    public async Task<StockLevel?> GetAsync(string sku, CancellationToken cancellationToken = default)
    {
        await _created.Value.ConfigureAwait(false);
        var entity = await _table.GetAsync(sku, StockRow, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToLevel(entity);
    }

    private TableEntity ToEntity(StockLevel level) =>
        EntityValues.New(
            level.Sku,
            StockRow,
            ("available", EntityValues.Format(level.Available)),
            ("reserved", EntityValues.Format(level.Reserved)),
            ("sold", EntityValues.Format(level.Sold)),
            ("unitPrice", EntityValues.Format(level.UnitPrice)),
            ("updatedAt", EntityValues.Format(_time.GetUtcNow())));

    internal static StockLevel ToLevel(TableEntity entity) => new(
        entity.PartitionKey,
        EntityValues.Long(entity, "available"),
        EntityValues.Long(entity, "reserved"),
        EntityValues.Long(entity, "sold"),
        EntityValues.Decimal(entity, "unitPrice"));
}
