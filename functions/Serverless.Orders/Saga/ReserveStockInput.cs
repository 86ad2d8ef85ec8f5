using Serverless.Orders.Inventory;

namespace Serverless.Orders.Saga;

/// <summary>The input of the <c>ReserveStock</c> activity.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Lines">What to reserve.</param>
public sealed record ReserveStockInput(string OrderId, IReadOnlyList<StockLine> Lines);
