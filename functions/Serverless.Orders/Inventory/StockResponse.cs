namespace Serverless.Orders.Inventory;

/// <summary>The body of <c>GET</c> and <c>PUT /api/inventory/{sku}</c>.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Available">Units free to reserve.</param>
/// <param name="Reserved">Units held by orders in progress.</param>
/// <param name="Sold">Units sold to confirmed orders.</param>
/// <param name="UnitPrice">The price of one unit.</param>
public sealed record StockResponse(string Sku, long Available, long Reserved, long Sold, decimal UnitPrice)
{
    /// <summary>The response for <paramref name="level"/>.</summary>
    public static StockResponse From(StockLevel level) =>
        new(level.Sku, level.Available, level.Reserved, level.Sold, level.UnitPrice);
}
