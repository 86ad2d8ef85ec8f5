namespace Serverless.Orders.Inventory;

/// <summary>
/// The body of <c>PUT /api/inventory/{sku}</c>. Members are nullable so a missing one is reported by name.
/// </summary>
public sealed class SetStockRequest
{
    /// <summary>Units free to sell: 0 to 1,000,000 (required). Reserved and sold units are kept on top of it.</summary>
    public long? Quantity { get; set; }

    /// <summary>The price of one unit: more than 0, at most 1,000,000, with at most two decimals (required).</summary>
    public decimal? UnitPrice { get; set; }
}
