namespace Serverless.Orders.Fulfilment;

/// <summary>How <see cref="FulfilmentService"/> behaves (the <c>Orders:Fulfilment</c> section).</summary>
public sealed class FulfilmentOptions
{
    /// <summary>
    /// How many deliveries of each order's <c>OrderConfirmed</c> fail transiently (a <see cref="TimeoutException"/>)
    /// before one creates the shipment (default 0: none fail). A fault knob for seeing a poison message
    /// (<c>Orders:Fulfilment:SimulatedFailures</c>): at the queue's <c>maxDequeueCount</c> (5) or more, the message
    /// lands in <c>order-events-poison</c>, and once re-queued it goes through when the order's count is past this.
    /// Counted per order in memory, per process: a restart starts the counts again.
    /// </summary>
    public int SimulatedFailures { get; set; }
}
