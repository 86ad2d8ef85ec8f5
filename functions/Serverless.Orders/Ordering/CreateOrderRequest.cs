namespace Serverless.Orders.Ordering;

/// <summary>
/// The body of <c>POST /api/orders</c>. Every member is nullable so a missing one is reported by name, not as malformed
/// JSON.
/// </summary>
public sealed class CreateOrderRequest
{
    /// <summary>Who places the order (required).</summary>
    public string? CustomerId { get; set; }

    /// <summary>The lines: 1 to 100, each SKU once.</summary>
    public IReadOnlyList<OrderLineRequest?>? Items { get; set; }

    /// <summary>How to pay (required).</summary>
    public PaymentDetails? Payment { get; set; }
}
