using Microsoft.DurableTask;

namespace Serverless.Orders.Saga;

/// <summary>
/// The <c>PlaceOrder</c> saga: reserve stock → (from version 2.0, orders over the screen threshold are screened for
/// fraud) → (orders over the approval threshold wait for an <c>approve</c> or
/// <c>reject</c> event, with a timeout) → charge → commit stock → confirm → publish <c>OrderConfirmed</c>. On any
/// failure it compensates in reverse (refund, release stock) and cancels the order with the reason. Its instance id is
/// the order id. Orchestrator code: it is replayed, so it takes time only from
/// <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/> and acts only through activities, timers and events.
/// </summary>
public sealed class PlaceOrderOrchestrator : TaskOrchestrator<PlaceOrderInput, PlaceOrderResult>
{
    /// <summary>The orchestrator's name (stored with every instance: never rename it).</summary>
    public const string Name = "PlaceOrder";

    /// <summary>
    /// The first version that screens large orders for fraud (<see cref="TaskOrchestrationContext.Version"/>, compared
    /// as the Durable Task SDK compares versions). Earlier instances, unversioned ones included, run without the
    /// screen.
    /// </summary>
    public const string ScreeningVersion = "2.0";

    /// <summary>The event that approves an order awaiting approval (payload ignored).</summary>
    public const string ApproveEvent = "approve";

    /// <summary>
    /// The event that rejects an order awaiting approval (payload: optionally <c>{"reason": "..."}</c>).
    /// </summary>
    public const string RejectEvent = "reject";

    /// <summary>
    /// The event a customer's cancel raises (payload ignored). The saga takes it while it awaits approval and before it
    /// charges; from then on the <c>CommitStock</c> step arbitrates against the cancel request recorded on the order.
    /// </summary>
    public const string CancelEvent = "cancel";

    /// <inheritdoc />
    public override Task<PlaceOrderResult> RunAsync(TaskOrchestrationContext context, PlaceOrderInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new PlaceOrderSaga(context, input).RunAsync();
    }
}
