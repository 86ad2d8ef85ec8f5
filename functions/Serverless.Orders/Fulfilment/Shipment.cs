using Serverless.Orders.Ordering;

namespace Serverless.Orders.Fulfilment;

/// <summary>The shipment of a confirmed order (the body of <c>GET /api/shipments/{orderId}</c>).</summary>
/// <param name="ShipmentId">The shipment's id: <c>shp-&lt;orderId&gt;</c>, one per order.</param>
/// <param name="OrderId">The order shipped.</param>
/// <param name="EventId">The <c>OrderConfirmed</c> event it was created from.</param>
/// <param name="CustomerId">Who it goes to.</param>
/// <param name="Items">What it holds.</param>
/// <param name="CreatedAt">When fulfilment created it.</param>
public sealed record Shipment(
    string ShipmentId,
    string OrderId,
    string EventId,
    string CustomerId,
    IReadOnlyList<OrderItem> Items,
    DateTimeOffset CreatedAt);
