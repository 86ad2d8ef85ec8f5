using System.Text.Json.Serialization;

namespace Serverless.Orders.Ordering;

/// <summary>
/// The read model of one order (the body of <c>GET /api/orders/{id}</c>), kept up to date by the saga's activities.
/// </summary>
/// <param name="OrderId">The order's id, which is also its saga's orchestration instance id.</param>
/// <param name="CustomerId">Who placed it.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Items">Its lines, with the prices they were placed at.</param>
/// <param name="Total">The sum of the line totals: what is charged.</param>
/// <param name="Reason">Why it was cancelled (only when it was).</param>
/// <param name="CreatedAt">When it was placed.</param>
/// <param name="UpdatedAt">When its status last changed.</param>
/// <param name="Compensation">
/// While a compensation (a refund, a stock release) keeps failing and is being retried: which, how often, the last
/// error; absent otherwise, and cleared once the compensation succeeds. </param>
public sealed record Order(
    string OrderId,
    string CustomerId,
    OrderStatus Status,
    IReadOnlyList<OrderItem> Items,
    decimal Total,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CompensationProgress? Compensation = null);
