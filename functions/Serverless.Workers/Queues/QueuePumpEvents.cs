using Serverless.Storage.Queues;

namespace Serverless.Workers.Queues;

/// <summary>
/// What a <see cref="QueuePump"/> reports, as callbacks (a <see cref="QueueWorker"/> logs them). They run on the pump's
/// threads and must not throw.
/// </summary>
public sealed class QueuePumpEvents
{
    /// <summary>Called when a handler succeeded and its message was deleted, with the time the handler took.</summary>
    public Action<QueueMessage, TimeSpan>? OnCompleted { get; init; }

    /// <summary>
    /// Called when a handler succeeded but its receipt was stale (it outran the visibility timeout, or its worker's
    /// messages were released, so the message was handed out again): the message may run twice. With the time it took.
    /// </summary>
    public Action<QueueMessage, TimeSpan>? OnReceiptStale { get; init; }

    /// <summary>
    /// Called when a handler failed; the message is retried after <see cref="QueuePumpOptions.GetRetryDelay"/> of its
    /// dequeue count.
    /// </summary>
    public Action<QueueMessage, Exception>? OnHandlerFailed { get; init; }

    /// <summary>Called when completing or abandoning a message failed; it reappears after its visibility
    /// timeout.</summary>
    public Action<QueueMessage, Exception>? OnSettleFailed { get; init; }

    /// <summary>Called when a receive failed; the pump waits <see cref="QueuePumpOptions.MaxPollingInterval"/> and
    /// receives again.</summary>
    public Action<Exception>? OnReceiveFailed { get; init; }

    /// <summary>Called on stop when handlers are still running, with their number, before waiting for them.</summary>
    public Action<int>? OnDraining { get; init; }

    /// <summary>Called when the drain deadline passed, with the number of unfinished messages returned to the
    /// queue.</summary>
    public Action<int>? OnUnfinishedReturned { get; init; }
}
