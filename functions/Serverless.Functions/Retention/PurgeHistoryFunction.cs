using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Serverless.Functions.Retention;

/// <summary>
/// <c>PurgeHistory</c>: every hour, purges orchestration instances that finished more than
/// <c>Durable__Retention__MaxAge</c> ago (Durable Functions keeps them forever otherwise). A timer function runs on one
/// instance of the app at a time (the Functions host holds a lease), and a run that overlaps another purges nothing
/// twice.
/// </summary>
public sealed class PurgeHistoryFunction(OrchestrationRetention retention, ILogger<PurgeHistoryFunction> logger)
{
    /// <summary>The function's name.</summary>
    public const string FunctionName = "PurgeHistory";

    /// <summary>Every hour, on the hour.</summary>
    public const string Schedule = "0 0 * * * *";

    /// <summary>Runs one retention pass.</summary>
    [Function(FunctionName)]
    public async Task RunAsync(
        [TimerTrigger(Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var run = await retention.PurgeExpiredAsync(client, cancellationToken).ConfigureAwait(false);
        Logs.RetentionRun(logger, run.Purged, run.Batches, retention.MaxAge);
    }
}
