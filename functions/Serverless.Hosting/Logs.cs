using Microsoft.AspNetCore.Http;
using Serverless.Http;
using Microsoft.Extensions.Logging;
using Serverless.Hosting.Http;

namespace Serverless.Hosting;

/// <summary>
/// Every log line of this library, with stable event ids in its range 2000-2999: 200x start-up, 201x HTTP, 210x queue
/// functions.
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Hosting mode {Mode}, listening on {Address}")]
    public static partial void HostStarted(this ILogger logger, HostingMode mode, string address);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Function keys are off (no Serverless:FunctionKey or Serverless:AdminKey configured): every function is reachable without a key")]
    public static partial void KeysOff(this ILogger logger);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Function keys are on: send x-functions-key or ?code= to non-anonymous functions")]
    public static partial void KeysOn(this ILogger logger);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "A function key is configured but no admin key (Serverless:AdminKey): admin-level endpoints refuse every request")]
    public static partial void AdminKeyMissing(this ILogger logger);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Functions: {HttpCount} HTTP, {QueueCount} queue")]
    public static partial void FunctionCount(this ILogger logger, int httpCount, int queueCount);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "{FunctionName}: [{Methods}] {Url}")]
    public static partial void HttpFunction(this ILogger logger, string functionName, string methods, string url);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "{FunctionName}: queueTrigger ({QueueName})")]
    public static partial void QueueFunction(this ILogger logger, string functionName, string queueName);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Hosting mode {Mode} is detected, but only the local mode is implemented: serving HTTP only, without queue pollers")]
    public static partial void ModeNotImplemented(this ILogger logger, HostingMode mode);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Refused {Path}: missing or wrong key for {Level} level")]
    public static partial void KeyRejected(this ILogger logger, PathString path, AuthorizationLevel level);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Polling queue {QueueName} for {FunctionName} (up to {MaxConcurrency} at once)")]
    public static partial void PollerStarted(this ILogger logger, string functionName, string queueName, int maxConcurrency);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Executing '{FunctionName}' (message {MessageId}, delivery {DequeueCount})")]
    public static partial void Executing(this ILogger logger, string functionName, string messageId, int dequeueCount);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Executed '{FunctionName}' (message {MessageId}) in {ElapsedMs:0.0} ms")]
    public static partial void Executed(this ILogger logger, string functionName, string messageId, double elapsedMs);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "'{FunctionName}' failed on message {MessageId} (delivery {DequeueCount}); it is retried in {RetryDelay}")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string functionName, string messageId, int dequeueCount, TimeSpan retryDelay);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "'{FunctionName}' finished message {MessageId} after {ElapsedMs:0} ms but its receipt was stale (visibility timeout {VisibilityTimeout}): it may run again")]
    public static partial void ReceiptStale(this ILogger logger, string functionName, string messageId, double elapsedMs, TimeSpan visibilityTimeout);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Error, Message = "Receiving from queue {QueueName} for '{FunctionName}' failed; polling goes on")]
    public static partial void ReceiveFailed(this ILogger logger, Exception exception, string functionName, string queueName);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Information, Message = "Stopping: waiting for {Count} in-flight messages of '{FunctionName}'")]
    public static partial void Draining(this ILogger logger, string functionName, int count);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = "Shutdown timeout reached: {Count} unfinished messages of '{FunctionName}' are returned to queue {QueueName}")]
    public static partial void ReturningUnfinished(this ILogger logger, string functionName, string queueName, int count);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Error, Message = "Could not complete or abandon message {MessageId} of '{FunctionName}'; it reappears after its visibility timeout")]
    public static partial void SettleFailed(this ILogger logger, Exception exception, string functionName, string messageId);
}
