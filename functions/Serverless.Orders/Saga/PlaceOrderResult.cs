using System.Text.Json.Serialization;
using Serverless.Orders.Ordering;

namespace Serverless.Orders.Saga;

/// <summary>The output of the <c>PlaceOrder</c> saga.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status"><see cref="OrderStatus.Confirmed"/> or <see cref="OrderStatus.Cancelled"/>.</param>
/// <param name="Reason">Why it was cancelled.</param>
public sealed record PlaceOrderResult(
    string OrderId,
    OrderStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null);
