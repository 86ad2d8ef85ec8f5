using Microsoft.Extensions.Logging;

namespace Serverless.Workers;

/// <summary>Every log line of the queue runtime, with stable event ids (5xxx): what a <see cref="Queues.QueueWorker"/>
/// reports.</summary>
internal static partial class Logs
{
    [LoggerMessage(5001, LogLevel.Debug, "Polling queue {QueueName} for '{Worker}' (up to {MaxConcurrency} at once)")]
    public static partial void WorkerStarted(this ILogger logger, string worker, string queueName, int maxConcurrency);

    [LoggerMessage(5002, LogLevel.Debug, "Executing '{Worker}' (message {MessageId}, delivery {DequeueCount})")]
    public static partial void Executing(this ILogger logger, string worker, string messageId, int dequeueCount);

    [LoggerMessage(5003, LogLevel.Debug, "Executed '{Worker}' (message {MessageId}) in {ElapsedMs:0.0} ms")]
    public static partial void Executed(this ILogger logger, string worker, string messageId, double elapsedMs);

    [LoggerMessage(5004, LogLevel.Warning,
        "'{Worker}' failed on message {MessageId} (delivery {DequeueCount}); it is retried in {RetryDelay}")]
    public static partial void HandlerFailed(
        this ILogger logger,
        Exception exception,
        string worker,
        string messageId,
        int dequeueCount,
        TimeSpan retryDelay);

    [LoggerMessage(5005, LogLevel.Warning,
        "'{Worker}' finished message {MessageId} after {ElapsedMs:0} ms, but its receipt is stale (it was handed to "
        + "another worker meanwhile, visibility timeout {VisibilityTimeout}): the completion was refused and it may "
        + "run again")]
    public static partial void ReceiptStale(
        this ILogger logger, string worker, string messageId, double elapsedMs, TimeSpan visibilityTimeout);

    [LoggerMessage(5006, LogLevel.Error, "Receiving from queue {QueueName} for '{Worker}' failed; polling goes on")]
    public static partial void ReceiveFailed(this ILogger logger, Exception exception, string worker, string queueName);

    [LoggerMessage(5007, LogLevel.Information, "Stopping: waiting for {Count} in-flight messages of '{Worker}'")]
    public static partial void Draining(this ILogger logger, string worker, int count);

    [LoggerMessage(5008, LogLevel.Warning,
        "Drain deadline reached: {Count} unfinished messages of '{Worker}' are returned to queue {QueueName}")]
    public static partial void ReturningUnfinished(this ILogger logger, string worker, string queueName, int count);

    [LoggerMessage(5009, LogLevel.Error,
        "Could not complete or abandon message {MessageId} of '{Worker}'; it reappears after its visibility timeout")]
    public static partial void SettleFailed(this ILogger logger, Exception exception, string worker, string messageId);
}
