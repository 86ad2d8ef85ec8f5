using Serverless.Orders.Ordering;

namespace Serverless.Orders.Saga;

/// <summary>The input of the <c>ScreenOrder</c> activity: what the fraud screen looks at.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="CustomerId">Who placed it.</param>
/// <param name="Items">Its lines.</param>
/// <param name="Total">What it would charge.</param>
/// <param name="PaymentToken">The card token it would charge.</param>
public sealed record ScreenOrderInput(
    string OrderId,
    string CustomerId,
    IReadOnlyList<OrderItem> Items,
    decimal Total,
    string PaymentToken);
