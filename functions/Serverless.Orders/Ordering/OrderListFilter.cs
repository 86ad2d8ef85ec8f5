namespace Serverless.Orders.Ordering;

/// <summary>Which orders a listing keeps; each filter that is set must match.</summary>
/// <param name="Status">Only orders in this status.</param>
/// <param name="CustomerId">Only this customer's orders (exact match).</param>
/// <param name="CreatedFrom">Only orders placed at or after this time.</param>
public sealed record OrderListFilter(
    OrderStatus? Status = null,
    string? CustomerId = null,
    DateTimeOffset? CreatedFrom = null);
