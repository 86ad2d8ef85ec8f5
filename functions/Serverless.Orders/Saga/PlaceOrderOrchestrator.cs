using Serverless.Durable;
using Serverless.Orders.Serialization;

namespace Serverless.Orders.Saga;

/// <summary>
/// The <c>PlaceOrder</c> saga: reserve stock → (orders over the approval threshold wait for an <c>approve</c> or
/// <c>reject</c> event, with a timeout) → charge → commit stock → confirm → publish <c>OrderConfirmed</c>. On any failure it
/// compensates in reverse (refund, release stock) and cancels the order with the reason. Its instance id is the order id.
/// </summary>
public static class PlaceOrderOrchestrator
{
    /// <summary>The orchestrator's name.</summary>
    public const string Name = "PlaceOrder";

    /// <summary>The event that approves an order awaiting approval (payload ignored).</summary>
    public const string ApproveEvent = "approve";

    /// <summary>The event that rejects an order awaiting approval (payload: optionally <c>{"reason": "..."}</c>).</summary>
    public const string RejectEvent = "reject";

    /// <summary>The event id <c>POST /api/orders/{id}/approve</c> and <c>/reject</c> raise their event with: one decision per order.</summary>
    public const string DecisionEventId = "decision";

    /// <summary>The typed reference to start the saga with (its JSON contracts are read on first use).</summary>
    public static OrchestratorRef<PlaceOrderInput, PlaceOrderResult> Reference { get; } =
        new(Name, static () => OrdersJsonContext.Default.PlaceOrderInput, static () => OrdersJsonContext.Default.PlaceOrderResult);

    /// <summary>
    /// Runs the saga. Orchestrator code: it is replayed, so it takes time only from
    /// <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/> and acts only through activities, timers and events.
    /// </summary>
    public static Task<PlaceOrderResult> RunAsync(TaskOrchestrationContext context, PlaceOrderInput input) =>
        new PlaceOrderSaga(context, input).RunAsync();
}
