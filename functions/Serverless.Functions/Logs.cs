using Microsoft.Extensions.Logging;

namespace Serverless.Functions;

/// <summary>Every log line of the Function App's own code, with stable event ids in its range 6000-6999.</summary>
internal static partial class Logs
{
    [LoggerMessage(
        EventId = 6000,
        Level = LogLevel.Information,
        Message = "Purged {Purged} orchestration instance(s) finished more than {MaxAge} ago in {Batches} batch(es)")]
    public static partial void RetentionRun(ILogger logger, int purged, int batches, TimeSpan maxAge);
}
