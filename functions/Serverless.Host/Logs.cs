using Serverless.Workers.Leases;

namespace Serverless.Host;

/// <summary>The host's own log events (ids 4001-4099).</summary>
internal static partial class Logs
{
    [LoggerMessage(
        EventId = 4001,
        Level = LogLevel.Information,
        Message = "Worker {WorkerId}: lease of {LeaseDuration} renewed every {HeartbeatInterval}")]
    public static partial void WorkerLeaseStarted(
        ILogger logger,
        string workerId,
        TimeSpan leaseDuration,
        TimeSpan heartbeatInterval);

    [LoggerMessage(
        EventId = 4002,
        Level = LogLevel.Warning,
        Message = "Worker {WorkerId} is dead ({Reason}): {Released} message(s) it held are visible again")]
    public static partial void WorkerRecovered(ILogger logger, string workerId, string reason, int released);

    [LoggerMessage(
        EventId = 4003,
        Level = LogLevel.Warning,
        Message = "This worker's lease had lapsed {Lapse} ago (the process was paused or starved): what it held may " +
            "have been taken over, and its late completions are refused; receiving again under a renewed lease")]
    public static partial void WorkerLeaseLapsed(ILogger logger, TimeSpan lapse);

    [LoggerMessage(
        EventId = 4004,
        Level = LogLevel.Error,
        Message = "Renewing the worker lease or checking on other workers failed; trying again at the next heartbeat")]
    public static partial void WorkerLeaseRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(
        EventId = 4005,
        Level = LogLevel.Warning,
        Message = "Operator re-queued message {MessageId} from {PoisonQueue} to {Queue}")]
    public static partial void PoisonRequeued(ILogger logger, string messageId, string poisonQueue, string queue);

    [LoggerMessage(
        EventId = 4006,
        Level = LogLevel.Warning,
        Message = "Operator deleted message {MessageId} from {PoisonQueue}")]
    public static partial void PoisonDeleted(ILogger logger, string messageId, string poisonQueue);

    [LoggerMessage(
        EventId = 4007,
        Level = LogLevel.Information,
        Message = "{Storage} is not answering yet ({Reason}); trying again")]
    public static partial void StorageNotAnswering(ILogger logger, string storage, string? reason);

    [LoggerMessage(
        EventId = 4008,
        Level = LogLevel.Error,
        Message = "Message {MessageId} of SQS queue {SqsQueue} has no handler here; it is reported failed")]
    public static partial void UnroutedMessage(ILogger logger, string messageId, string sqsQueue);

    [LoggerMessage(
        EventId = 4009,
        Level = LogLevel.Warning,
        Message = "{Handler} failed on message {MessageId} (delivery {DequeueCount}); it is reported failed")]
    public static partial void BatchMessageFailed(
        ILogger logger,
        Exception exception,
        string handler,
        string messageId,
        int dequeueCount);

    [LoggerMessage(
        EventId = 4010,
        Level = LogLevel.Warning,
        Message = "Worker {WorkerId} held {Count} outbox row(s) (activities it ran on claims, work it had " +
            "scheduled); they are dispatched again")]
    public static partial void HeldOutboxesReleased(ILogger logger, string workerId, int count);

    [LoggerMessage(
        EventId = 4011,
        Level = LogLevel.Error,
        Message = "Dispatching the outbox rows dead worker {WorkerId} held failed; the sweep dispatches them once " +
            "their holds run out")]
    public static partial void HeldOutboxesNotReleased(ILogger logger, Exception exception, string workerId);

    public static void Recovered(ILogger logger, WorkerRecovery recovery) =>
        WorkerRecovered(logger, recovery.WorkerId, recovery.Reason, recovery.Released);
}
