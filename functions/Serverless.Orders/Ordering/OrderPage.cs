using System.Text.Json.Serialization;

namespace Serverless.Orders.Ordering;

/// <summary>One page of <c>GET /api/orders</c>, in order-id order.</summary>
/// <param name="Items">The orders.</param>
/// <param name="ContinuationToken">Pass it back as <c>continuationToken</c> for the next page; absent on the last
/// page.</param>
public sealed record OrderPage(
    IReadOnlyList<Order> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContinuationToken);
