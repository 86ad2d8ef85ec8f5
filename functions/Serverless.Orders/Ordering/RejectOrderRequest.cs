namespace Serverless.Orders.Ordering;

/// <summary>The optional body of <c>POST /api/orders/{id}/reject</c>.</summary>
/// <param name="Reason">Why the order is rejected; kept as the cancelled order's reason.</param>
public sealed record RejectOrderRequest(string? Reason);
