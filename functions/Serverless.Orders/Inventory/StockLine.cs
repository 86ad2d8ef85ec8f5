namespace Serverless.Orders.Inventory;

/// <summary>A quantity of one SKU that an order asks for.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Quantity">How many units (positive).</param>
public sealed record StockLine(string Sku, int Quantity);
