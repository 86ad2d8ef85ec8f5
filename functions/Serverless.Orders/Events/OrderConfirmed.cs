using System.Text.Json.Serialization;
using Serverless.Orders.Ordering;

namespace Serverless.Orders.Events;

/// <summary>
/// The integration event published to the <c>order-events</c> queue when an order is confirmed. Delivery is at least
/// once: consumers deduplicate on <see cref="EventId"/>, which is the same for every copy of one order's event.
/// </summary>
/// <param name="EventId">Stable per order: <c>&lt;orderId&gt;:OrderConfirmed</c>.</param>
/// <param name="OrderId">The order.</param>
/// <param name="CustomerId">Who placed it.</param>
/// <param name="Items">What was sold.</param>
/// <param name="Total">What was charged.</param>
/// <param name="ConfirmedAt">When the saga confirmed it.</param>
public sealed record OrderConfirmed(
    string EventId,
    string OrderId,
    string CustomerId,
    IReadOnlyList<OrderItem> Items,
    decimal Total,
    DateTimeOffset ConfirmedAt)
{
    /// <summary>The event type's name, written into every message.</summary>
    public const string TypeName = "OrderConfirmed";

    /// <summary>The event type: <c>OrderConfirmed</c>.</summary>
    public string Type { get; init; } = TypeName;

    /// <summary>
    /// The W3C <c>traceparent</c> of the span that sent the event (CloudEvents' distributed tracing extension): the
    /// consumer's span joins the order's trace. Absent on events sent before it was carried.
    /// </summary>
    [JsonPropertyName("traceparent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }

    /// <summary>The W3C <c>tracestate</c> that goes with <see cref="TraceParent"/>.</summary>
    [JsonPropertyName("tracestate")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceState { get; init; }

    /// <summary>The event id of <paramref name="orderId"/>'s confirmation.</summary>
    public static string EventIdFor(string orderId) => $"{orderId}:{TypeName}";
}
