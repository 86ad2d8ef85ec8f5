namespace Serverless.Orders.Ordering;

/// <summary>How an order is paid.</summary>
public sealed class PaymentDetails
{
    /// <summary>
    /// A card token the payment gateway accepts (with the simulator: <c>tok_visa</c>, <c>tok_decline</c>,
    /// <c>tok_transient</c>, <c>tok_slow</c>).
    /// </summary>
    public string? Token { get; set; }
}
