using Microsoft.Extensions.Logging;
using Serverless.Hosting.Http;

namespace Serverless.Hosting;

/// <summary>Every log line of this library, with stable event ids: 1xxx start-up, 2xxx HTTP (queue functions log through the queue runtime, 5xxx).</summary>
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
}
