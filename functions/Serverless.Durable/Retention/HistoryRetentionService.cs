using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serverless.Durable.Retention;

/// <summary>
/// Runs <see cref="HistoryRetention"/> in the background: one pass right after start, then one every
/// <see cref="RetentionOptions.Interval"/>. Does nothing when retention is off. A failed pass is logged and retried at
/// the next interval; passes of several processes on one store may overlap (purges are idempotent).
/// </summary>
public sealed class HistoryRetentionService(
    HistoryRetention retention,
    ILogger logger,
    TimeProvider? timeProvider = null)
    : BackgroundService
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>How many passes have finished (successfully or not) since start.</summary>
    public int PassesRun { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!retention.Options.Enabled)
        {
            Logs.RetentionDisabled(logger, retention.Options.MaxAge);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await retention.RunPassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Logs.RetentionPassFailed(logger, exception);
            }

            PassesRun++;
            try
            {
                await Task.Delay(retention.Options.Interval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
