namespace Serverless.Orders.Inventory;

/// <summary>
/// The stock of one SKU. Every unit is in exactly one bucket, so <c>Available + Reserved + Sold</c> is the total stock
/// ever made available for the SKU (see <see cref="InventoryStore.SetStockAsync"/>), whatever orders do.
/// </summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Available">Units free to reserve.</param>
/// <param name="Reserved">Units held by orders that are neither committed nor released yet (the TCC "try").</param>
/// <param name="Sold">Units committed to confirmed orders.</param>
/// <param name="UnitPrice">The current price of one unit.</param>
public sealed record StockLevel(string Sku, long Available, long Reserved, long Sold, decimal UnitPrice)
{
    /// <summary>All units in any bucket: <c>Available + Reserved + Sold</c>.</summary>
    public long Total => Available + Reserved + Sold;
}
