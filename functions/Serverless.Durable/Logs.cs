using Microsoft.Extensions.Logging;
using Serverless.Durable.Engine;

namespace Serverless.Durable;

/// <summary>
/// The engine assembly's log events, ids 1000-1999: 1000s episodes, activities and the sweep, 1050 the pump, 1100s
/// retention.
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(
        EventId = 1001,
        Level = LogLevel.Debug,
        Message = "Episode of {InstanceId} lost an ETag race (attempt {Attempt}); retrying")]
    public static partial void EpisodeConflict(ILogger logger, string instanceId, int attempt);

    [LoggerMessage(
        EventId = 1002,
        Level = LogLevel.Debug,
        Message = "Episode of {InstanceId} ({Name}) committed: {Status}, {Scheduled} task(s) scheduled")]
    public static partial void EpisodeCommitted(
        ILogger logger,
        string instanceId,
        string name,
        StoredStatus status,
        int scheduled);

    [LoggerMessage(
        EventId = 1003,
        Level = LogLevel.Warning,
        Message = "Activity {Name} of {InstanceId} (task {TaskId}) failed")]
    public static partial void ActivityFailed(
        ILogger logger,
        Exception exception,
        string name,
        string instanceId,
        int taskId);

    [LoggerMessage(
        EventId = 1004,
        Level = LogLevel.Error,
        Message = "Activity {Name} of {InstanceId} (task {TaskId}) was delivered {Deliveries} times without " +
            "completing; recording it as failed")]
    public static partial void ActivityGaveUp(
        ILogger logger,
        string name,
        string instanceId,
        int taskId,
        int deliveries);

    [LoggerMessage(
        EventId = 1005,
        Level = LogLevel.Information,
        Message = "Sweep woke {Count} instance(s) whose wake-up was due")]
    public static partial void SweepWoke(ILogger logger, int count);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "The sweep failed; it will run again")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(
        EventId = 1008,
        Level = LogLevel.Debug,
        Message = "Episode of {InstanceId} applying {Messages} message(s) needs {Operations} storage operations, " +
            "more " +
            "than one batch; deciding over fewer")]
    public static partial void EpisodeSplit(ILogger logger, string instanceId, int messages, int operations);

    [LoggerMessage(
        EventId = 1009,
        Level = LogLevel.Error,
        Message = "Episode of {InstanceId} ({Name}) needs {Operations} storage operations even for one message, more " +
            "than one batch; failing the instance")]
    public static partial void EpisodeTooLarge(ILogger logger, string instanceId, string name, int operations);

    [LoggerMessage(
        EventId = 1020,
        Level = LogLevel.Warning,
        Message = "{InstanceId} ({Name}) is left for another worker ({Strategy}): {Reason}")]
    public static partial void VersionMismatch(
        ILogger logger, string instanceId, string name, OrchestrationVersionFailure strategy, string reason);

    [LoggerMessage(
        EventId = 1010,
        Level = LogLevel.Warning,
        Message = "The dispatched outbox row of {InstanceId} could not be deleted; its next episode sends it again")]
    public static partial void HeldOutboxNotDeleted(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(
        EventId = 1011,
        Level = LogLevel.Warning,
        Message = "Reading the queues' depth for the durable.queue gauges failed; they show the last reading")]
    public static partial void QueuesNotSampled(ILogger logger, Exception exception);

    [LoggerMessage(
        EventId = 1012,
        Level = LogLevel.Warning,
        Message = "Activity {Name} of {InstanceId} (task {TaskId}), run here on a claim, could not be settled; its " +
            "work item goes to the queue")]
    public static partial void ClaimNotSettled(
        ILogger logger, Exception exception, string name, string instanceId, int taskId);

    [LoggerMessage(
        EventId = 1013,
        Level = LogLevel.Warning,
        Message = "The claim on the work item of {InstanceId} could not be handed to the queue; the sweep sends it " +
            "once the claim runs out")]
    public static partial void ClaimNotHandedBack(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(
        EventId = 1014,
        Level = LogLevel.Information,
        Message = "Stopping with {Count} activity run(s) still under way here; their work items go to the queue")]
    public static partial void ClaimsHandedBack(ILogger logger, int count);

    [LoggerMessage(
        EventId = 1100,
        Level = LogLevel.Information,
        Message = "Retention purged {Count} finished instance(s) last updated before {Cutoff} in {Batches} batch(es)")]
    public static partial void RetentionPurged(ILogger logger, int count, int batches, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "The retention pass failed; it will run again")]
    public static partial void RetentionPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(
        EventId = 1102,
        Level = LogLevel.Information,
        Message = "Retention is off (Durable:Retention:MaxAge is {MaxAge}): finished instances are kept until purged")]
    public static partial void RetentionDisabled(ILogger logger, TimeSpan maxAge);
}
