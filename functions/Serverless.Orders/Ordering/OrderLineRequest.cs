namespace Serverless.Orders.Ordering;

/// <summary>One line of a <see cref="CreateOrderRequest"/>.</summary>
public sealed class OrderLineRequest
{
    /// <summary>A SKU whose stock was set (required).</summary>
    public string? Sku { get; set; }

    /// <summary>How many units: 1 to 1000 (required).</summary>
    public int? Quantity { get; set; }
}
