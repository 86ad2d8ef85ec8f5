using Microsoft.Extensions.Logging;

namespace Serverless.Workers;

/// <summary>Every log line of the queue runtime, with stable event ids (5xxx): what a <see cref="Queues.QueueWorker"/>
/// reports.</summary>
internal static partial class Logs
{
    [LoggerMessage(
        EventId = 5001,
        Level = LogLevel.Debug,
        Message = "Polling queue {QueueName} for '{Worker}' (up to {MaxConcurrency} at once)")]
    public static partial void WorkerStarted(this ILogger logger, string worker, string queueName, int maxConcurrency);

    [LoggerMessage(
        EventId = 5002,
        Level = LogLevel.Debug,
        Message = "Executing '{Worker}' (message {MessageId}, delivery {DequeueCount})")]
    public static partial void Executing(this ILogger logger, string worker, string messageId, int dequeueCount);

    [LoggerMessage(
        EventId = 5003,
        Level = LogLevel.Debug,
        Message = "Executed '{Worker}' (message {MessageId}) in {ElapsedMs:0.0} ms")]
    public static partial void Executed(this ILogger logger, string worker, string messageId, double elapsedMs);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning,
        Message = "'{Worker}' failed on message {MessageId} (delivery {DequeueCount}); it is retried in {RetryDelay}")]
    public static partial void HandlerFailed(
        this ILogger logger,
        Exception exception,
        string worker,
        string messageId,
        int dequeueCount,
        TimeSpan retryDelay);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning,
        Message = "'{Worker}' finished message {MessageId} after {ElapsedMs:0} ms, but its receipt is stale (it was " +
            "handed to "
        + "another worker meanwhile, visibility timeout {VisibilityTimeout}): the completion was refused and it may "
        + "run again")]
    public static partial void ReceiptStale(
        this ILogger logger, string worker, string messageId, double elapsedMs, TimeSpan visibilityTimeout);

    [LoggerMessage(
        EventId = 5006,
        Level = LogLevel.Error,
        Message = "Receiving from queue {QueueName} for '{Worker}' failed; polling goes on")]
    public static partial void ReceiveFailed(this ILogger logger, Exception exception, string worker, string queueName);

    [LoggerMessage(
        EventId = 5007,
        Level = LogLevel.Information,
        Message = "Stopping: waiting for {Count} in-flight messages of '{Worker}'")]
    public static partial void Draining(this ILogger logger, string worker, int count);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning,
        Message = "Drain deadline reached: {Count} unfinished messages of '{Worker}' are returned to queue " +
            "{QueueName}")]
    public static partial void ReturningUnfinished(this ILogger logger, string worker, string queueName, int count);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Error,
        Message = "Could not complete or abandon message {MessageId} of '{Worker}'; it reappears after its " +
            "visibility timeout")]
    public static partial void SettleFailed(this ILogger logger, Exception exception, string worker, string messageId);
}
