using System.Text.Json.Serialization;

namespace Serverless.Orders.Ordering;

/// <summary>Where an order stands, as the read model shows it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    /// <summary>Placed; the saga is reserving stock or charging.</summary>
    Pending,

    /// <summary>
    /// Stock is reserved and the order waits for an <c>approve</c> or <c>reject</c> (it is over the approval
    /// threshold).
    /// </summary>
    AwaitingApproval,

    /// <summary>Charged and its stock sold. Final unless a later saga step fails and compensates.</summary>
    Confirmed,

    /// <summary>Cancelled, with a reason; nothing is charged and no stock is held. Final.</summary>
    Cancelled,

    /// <summary>
    /// Being undone: a compensation failed and is being retried (the order's <c>compensation</c> says which and why),
    /// or the reconciler is undoing an order whose orchestration ended without settling it (the reason says why).
    /// Becomes <see cref="Cancelled"/> once every compensation succeeded.
    /// </summary>
    Compensating,
}
