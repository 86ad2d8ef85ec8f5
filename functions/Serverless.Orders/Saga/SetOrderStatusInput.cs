using Serverless.Orders.Ordering;

namespace Serverless.Orders.Saga;

/// <summary>The input of the <c>SetOrderStatus</c> activity.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status">The new status.</param>
/// <param name="Reason">Why, for a cancellation.</param>
/// <param name="Sequence">The saga's count of status changes so far; a change not newer than the stored one is
/// ignored.</param>
/// <param name="At">The saga's time of the change
/// (<see cref="Microsoft.DurableTask.TaskOrchestrationContext.CurrentUtcDateTime"/>).</param>
public sealed record SetOrderStatusInput(
    string OrderId,
    OrderStatus Status,
    string? Reason,
    int Sequence,
    DateTimeOffset At);
