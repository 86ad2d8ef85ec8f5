using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Serverless.Orders.Recovery;

namespace Serverless.Functions.Recovery;

/// <summary>
/// <c>ReconcileOrders</c>: the local host's background reconciler, on a timer. Each run is one bounded pass of
/// <see cref="OrderReconciler"/>: orders whose orchestration was terminated, failed or purged are compensated and
/// cancelled.
/// </summary>
public sealed class ReconcileOrdersFunction(OrderReconciler reconciler)
{
    /// <summary>Every 30 seconds (the local host's default <c>Orders:Reconciliation:Interval</c>).</summary>
    public const string Schedule = "*/30 * * * * *";

    /// <summary>Runs one pass.</summary>
    [Function("ReconcileOrders")]
    public Task RunAsync(
        [TimerTrigger(Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        reconciler.ReconcileAsync(client, cancellationToken);
}
