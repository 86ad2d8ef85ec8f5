using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Durable.Engine;
using Serverless.Durable.Retention;
using Serverless.Lambda.Timers;
using Serverless.Orders;
using Serverless.Orders.Recovery;

namespace Serverless.Host.Lambda;

/// <summary>
/// The timers a local host runs in the background, each run once per schedule in Lambda mode (infra/aws's schedules
/// send their names): the engine's sweep, the order reconciler and retention of finished instances.
/// </summary>
internal sealed class HostTimers(
    DurableTaskEngine engine,
    OrderReconciler reconciler,
    DurableTaskClient client,
    HistoryRetention retention,
    IOptions<OrdersOptions> orders)
    : ILambdaTimers
{
    public const string Sweep = "Sweep";
    public const string ReconcileOrders = "ReconcileOrders";
    public const string PurgeHistory = "PurgeHistory";

    public IReadOnlyCollection<string> Names { get; } = [Sweep, ReconcileOrders, PurgeHistory];

    public async Task RunAsync(string name, CancellationToken cancellationToken)
    {
        switch (name)
        {
            case Sweep:
                await engine.SweepAsync(cancellationToken).ConfigureAwait(false);
                break;
            case ReconcileOrders when orders.Value.Reconciliation.Enabled:
                await reconciler.ReconcileAsync(client, cancellationToken).ConfigureAwait(false);
                break;
            case PurgeHistory when retention.Options.Enabled:
                await retention.RunPassAsync(cancellationToken).ConfigureAwait(false);
                break;
        }
    }
}
