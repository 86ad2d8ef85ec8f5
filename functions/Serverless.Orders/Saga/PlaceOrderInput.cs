using Serverless.Orders.Ordering;

namespace Serverless.Orders.Saga;

/// <summary>
/// The input of the <c>PlaceOrder</c> saga: the whole order as placed, so the saga can (re)create its read model row.
/// </summary>
/// <param name="OrderId">The order, also the orchestration's instance id.</param>
/// <param name="CustomerId">Who placed it.</param>
/// <param name="Items">Its lines at the prices placed.</param>
/// <param name="Total">What to charge.</param>
/// <param name="PaymentToken">The card token to charge.</param>
/// <param name="Policy">The settings the saga runs with.</param>
/// <param name="PlacedAt">When it was placed.</param>
/// <param name="IdempotencyKey">The <c>Idempotency-Key</c> it was placed with, if any.</param>
/// <param name="Fingerprint">A hash of the request (customer, lines, token), to tell a replay from a reused
/// key.</param>
public sealed record PlaceOrderInput(
    string OrderId,
    string CustomerId,
    IReadOnlyList<OrderItem> Items,
    decimal Total,
    string PaymentToken,
    PlaceOrderPolicy Policy,
    DateTimeOffset PlacedAt,
    string? IdempotencyKey,
    string Fingerprint)
{
    /// <summary>The order as it reads the moment it is placed: <see cref="OrderStatus.Pending"/>.</summary>
    public Order ToPendingOrder() =>
        new(OrderId, CustomerId, OrderStatus.Pending, Items, Total, null, PlacedAt, PlacedAt);
}
