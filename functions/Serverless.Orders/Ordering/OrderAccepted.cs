namespace Serverless.Orders.Ordering;

/// <summary>The 202 body of <c>POST /api/orders</c> (and of approve / reject).</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="Status">Its status now (<c>Pending</c> for a new order; a replayed <c>Idempotency-Key</c> gets the
/// current one).</param>
/// <param name="StatusUri">Where to read the order.</param>
public sealed record OrderAccepted(string OrderId, OrderStatus Status, string StatusUri);
