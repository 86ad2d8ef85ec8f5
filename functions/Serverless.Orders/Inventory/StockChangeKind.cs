namespace Serverless.Orders.Inventory;

/// <summary>What a <see cref="StockChange"/> does to an order's reservation of a SKU (try, confirm, cancel).</summary>
internal enum StockChangeKind
{
    Reserve,
    Commit,
    Release,
}
