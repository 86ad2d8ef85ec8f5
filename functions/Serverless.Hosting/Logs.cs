using Microsoft.Extensions.Logging;
using Serverless.Hosting.Http;

namespace Serverless.Hosting;

/// <summary>Every log line of this library, with stable event ids: 1xxx start-up, 2xxx HTTP, 3xxx queue functions.</summary>
internal static partial class Logs
{
    [LoggerMessage(1001, LogLevel.Information, "Hosting mode {Mode}, listening on {Address}")]
    public static partial void HostStarted(this ILogger logger, HostingMode mode, string address);

    [LoggerMessage(1002, LogLevel.Information, "Function keys are off (no Serverless:FunctionKey or Serverless:AdminKey configured): every function is reachable without a key")]
    public static partial void KeysOff(this ILogger logger);

    [LoggerMessage(1003, LogLevel.Information, "Function keys are on: send x-functions-key or ?code= to non-anonymous functions")]
    public static partial void KeysOn(this ILogger logger);

    [LoggerMessage(1004, LogLevel.Warning, "A function key is configured but no admin key (Serverless:AdminKey): admin-level endpoints refuse every request")]
    public static partial void AdminKeyMissing(this ILogger logger);

    [LoggerMessage(1005, LogLevel.Information, "Functions: {HttpCount} HTTP, {QueueCount} queue")]
    public static partial void FunctionCount(this ILogger logger, int httpCount, int queueCount);

    [LoggerMessage(1006, LogLevel.Information, "{FunctionName}: [{Methods}] {Url}")]
    public static partial void HttpFunction(this ILogger logger, string functionName, string methods, string url);

    [LoggerMessage(1007, LogLevel.Information, "{FunctionName}: queueTrigger ({QueueName})")]
    public static partial void QueueFunction(this ILogger logger, string functionName, string queueName);

    [LoggerMessage(1008, LogLevel.Warning, "Hosting mode {Mode} is detected, but only the local mode is implemented: serving HTTP only, without queue pollers")]
    public static partial void ModeNotImplemented(this ILogger logger, HostingMode mode);

    [LoggerMessage(2001, LogLevel.Information, "Refused {Path}: missing or wrong key for {Level} level")]
    public static partial void KeyRejected(this ILogger logger, string path, AuthorizationLevel level);

    [LoggerMessage(3001, LogLevel.Debug, "Polling queue {QueueName} for {FunctionName} (up to {MaxConcurrency} at once)")]
    public static partial void PollerStarted(this ILogger logger, string functionName, string queueName, int maxConcurrency);

    [LoggerMessage(3002, LogLevel.Debug, "Executing '{FunctionName}' (message {MessageId}, delivery {DequeueCount})")]
    public static partial void Executing(this ILogger logger, string functionName, string messageId, int dequeueCount);

    [LoggerMessage(3003, LogLevel.Debug, "Executed '{FunctionName}' (message {MessageId}) in {ElapsedMs:0.0} ms")]
    public static partial void Executed(this ILogger logger, string functionName, string messageId, double elapsedMs);

    [LoggerMessage(3004, LogLevel.Warning, "'{FunctionName}' failed on message {MessageId} (delivery {DequeueCount}); it is retried in {RetryDelay}")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string functionName, string messageId, int dequeueCount, TimeSpan retryDelay);

    [LoggerMessage(3005, LogLevel.Warning, "'{FunctionName}' finished message {MessageId} after {ElapsedMs:0} ms but its receipt was stale (visibility timeout {VisibilityTimeout}): it may run again")]
    public static partial void ReceiptStale(this ILogger logger, string functionName, string messageId, double elapsedMs, TimeSpan visibilityTimeout);

    [LoggerMessage(3006, LogLevel.Error, "Receiving from queue {QueueName} for '{FunctionName}' failed; polling goes on")]
    public static partial void ReceiveFailed(this ILogger logger, Exception exception, string functionName, string queueName);

    [LoggerMessage(3007, LogLevel.Information, "Stopping: waiting for {Count} in-flight messages of '{FunctionName}'")]
    public static partial void Draining(this ILogger logger, string functionName, int count);

    [LoggerMessage(3008, LogLevel.Warning, "Shutdown timeout reached: {Count} unfinished messages of '{FunctionName}' are returned to queue {QueueName}")]
    public static partial void ReturningUnfinished(this ILogger logger, string functionName, string queueName, int count);

    [LoggerMessage(3009, LogLevel.Error, "Could not complete or abandon message {MessageId} of '{FunctionName}'; it reappears after its visibility timeout")]
    public static partial void SettleFailed(this ILogger logger, Exception exception, string functionName, string messageId);
}
