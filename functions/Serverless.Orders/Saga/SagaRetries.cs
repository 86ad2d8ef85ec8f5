using Microsoft.DurableTask;

namespace Serverless.Orders.Saga;

/// <summary>
/// Retries of saga steps as the SDK's retry handlers: exponential back-off with jitter, waiting on durable timers. The
/// jitter comes from <see cref="TaskOrchestrationContext.NewGuid"/>, which replays to the same value on every runtime,
/// so a replay waits exactly as the first run did.
/// </summary>
internal static class SagaRetries
{
    /// <summary>
    /// Task options retrying as <paramref name="settings"/> say, the failures <paramref name="handle"/> accepts (all by
    /// default); <paramref name="onRetry"/> (orchestrator code: it may set the custom status, never do I/O) is told of
    /// each failed attempt that will be retried, before the wait.
    /// </summary>
    public static TaskOptions Options(
        RetrySettings settings,
        Func<TaskFailureDetails,
        bool>? handle = null,
        Action<RetryContext>? onRetry = null) =>
        TaskOptions.FromRetryHandler(async retry =>
        {
            if (retry.LastAttemptNumber >= settings.MaxAttempts || !(handle?.Invoke(retry.LastFailure) ?? true))
            {
                return false;
            }

            onRetry?.Invoke(retry);

            var context = retry.OrchestrationContext;
            var delay = DelayAfter(settings, retry.LastAttemptNumber, Sample(context.NewGuid()));
            await context.CreateTimer(context.CurrentUtcDateTime + delay, retry.CancellationToken);
            return true;
        });

    /// <summary>The wait after failed attempt <paramref name="attempt"/>, given a sample in [0, 1).</summary>
    public static TimeSpan DelayAfter(RetrySettings settings, int attempt, double sample)
    {
        var exponential = settings.FirstRetryInterval.TotalMilliseconds * Math.Pow(
            settings.BackoffCoefficient,
            attempt - 1);
        var capped = Math.Min(exponential, settings.MaxRetryInterval.TotalMilliseconds);
        var jittered = capped * (1 + (settings.Jitter * ((2 * sample) - 1)));
        return TimeSpan.FromMilliseconds(Math.Max(0, jittered));
    }

    private static double Sample(Guid guid)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes);
        return (BitConverter.ToUInt64(bytes) >> 11) * (1.0 / (1UL << 53));
    }
}
