using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Orders.Recovery;

/// <summary>
/// Runs <see cref="OrderReconciler"/> in the background of a long-running host: a pass at start (a restarted host
/// catches up at once), then one every <see cref="ReconciliationOptions.Interval"/>. The Function App runs the same
/// passes from a timer-triggered function instead.
/// </summary>
internal sealed class OrderReconciliationService(
    OrderReconciler reconciler,
    DurableTaskClient client,
    IOptions<OrdersOptions> options,
    TimeProvider time,
    ILogger<OrderReconciliationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Reconciliation;
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.Interval, time);
        do
        {
            try
            {
                await reconciler.ReconcileAsync(client, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Logs.ReconcilePassFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
