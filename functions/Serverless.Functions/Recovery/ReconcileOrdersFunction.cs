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
    /// <summary>
    /// The app setting holding the timer's CRON schedule. infra/ sets it (default every 5 minutes: each run is
    /// billed, and every 30 s would use up Flex Consumption's monthly free grant; see docs/azure.md); the Functions
    /// host does not start the function without it.
    /// </summary>
    public const string ScheduleSetting = "ReconcileOrdersSchedule";

    /// <summary>The trigger's schedule: <see cref="ScheduleSetting"/>, resolved by the Functions host.</summary>
    public const string Schedule = "%" + ScheduleSetting + "%";

    /// <summary>Runs one pass.</summary>
    [Function("ReconcileOrders")]
    public Task RunAsync(
        [TimerTrigger(Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        reconciler.ReconcileAsync(client, cancellationToken);
}
