using Microsoft.Extensions.Logging;

namespace Serverless.Durable.Retention;

/// <summary>The retention's log events (ids 1100-1199 of the engine's range).</summary>
internal static partial class RetentionLogs
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Retention purged {Count} finished instance(s) last updated before {Cutoff} in {Batches} batch(es)")]
    public static partial void Purged(ILogger logger, int count, int batches, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "The retention pass failed; it will run again")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Retention is off (Durable:Retention:MaxAge is {MaxAge}): finished instances are kept until purged")]
    public static partial void Disabled(ILogger logger, TimeSpan maxAge);
}
