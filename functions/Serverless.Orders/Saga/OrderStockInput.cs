namespace Serverless.Orders.Saga;

/// <summary>The input of the <c>CommitStock</c> and <c>ReleaseStock</c> activities.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Skus">The SKUs the order reserved.</param>
public sealed record OrderStockInput(string OrderId, IReadOnlyList<string> Skus);
