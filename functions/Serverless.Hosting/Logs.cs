using Microsoft.AspNetCore.Http;
using Serverless.Http;
using Microsoft.Extensions.Logging;
using Serverless.Hosting.Http;

namespace Serverless.Hosting;

/// <summary>
/// Every log line of this library, with stable event ids in its range 2000-2999: 200x start-up, 201x HTTP (queue
/// functions log through the queue runtime, Serverless.Workers).
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(
        EventId = 2001,
        Level = LogLevel.Information,
        Message = "Hosting mode {Mode}, served through {Address}")]
    public static partial void HostStarted(this ILogger logger, HostingMode mode, string address);

    [LoggerMessage(
        EventId = 2002,
        Level = LogLevel.Information,
        Message = "Function keys are off (no Serverless:FunctionKey or Serverless:AdminKey configured): every " +
            "function is reachable without a key")]
    public static partial void KeysOff(this ILogger logger);

    [LoggerMessage(
        EventId = 2003,
        Level = LogLevel.Information,
        Message = "Function keys are on: send x-functions-key or ?code= to non-anonymous functions")]
    public static partial void KeysOn(this ILogger logger);

    [LoggerMessage(
        EventId = 2004,
        Level = LogLevel.Warning,
        Message = "A function key is configured but no admin key (Serverless:AdminKey): admin-level endpoints refuse " +
            "every request")]
    public static partial void AdminKeyMissing(this ILogger logger);

    [LoggerMessage(
        EventId = 2005,
        Level = LogLevel.Information,
        Message = "Functions: {HttpCount} HTTP, {QueueCount} queue")]
    public static partial void FunctionCount(this ILogger logger, int httpCount, int queueCount);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "{FunctionName}: [{Methods}] {Url}")]
    public static partial void HttpFunction(this ILogger logger, string functionName, string methods, string url);

    [LoggerMessage(
        EventId = 2007,
        Level = LogLevel.Information,
        Message = "{FunctionName}: queueTrigger ({QueueName})")]
    public static partial void QueueFunction(this ILogger logger, string functionName, string queueName);

    [LoggerMessage(
        EventId = 2010,
        Level = LogLevel.Information,
        Message = "Refused {Path}: missing or wrong key for {Level} level")]
    public static partial void KeyRejected(this ILogger logger, PathString path, AuthorizationLevel level);

    [LoggerMessage(
        EventId = 2011,
        Level = LogLevel.Warning,
        Message = "Refusing new orders: work waits {WorkDelayMs:0} ms for a worker (bound {BoundMs:0} ms)")]
    public static partial void AdmissionClosed(this ILogger logger, double workDelayMs, double boundMs);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Accepting new orders again")]
    public static partial void AdmissionOpened(this ILogger logger);
}
