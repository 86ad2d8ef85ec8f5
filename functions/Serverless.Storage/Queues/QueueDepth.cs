namespace Serverless.Storage.Queues;

/// <summary>How many messages a queue holds, split by when they can be received.</summary>
/// <param name="Ready">Visible now: waiting for a receiver (the backlog).</param>
/// <param name="Scheduled">Not visible now: due later (durable timers, retry back-off, delayed sends) or hidden by a
/// receive while a worker handles them.</param>
/// <param name="OldestReadySince">Since when the ready message that has waited longest has been visible;
/// <see langword="null"/> when none is ready.</param>
/// <param name="IsApproximate">Whether the split is an estimate: on Azure Storage Queues, where only the total is
/// counted (approximately) and a peek sees at most <see cref="IQueueAdministration.MaxPeek"/> visible messages.</param>
public sealed record QueueDepth(int Ready, int Scheduled, DateTimeOffset? OldestReadySince, bool IsApproximate)
{
    /// <summary>Every message in the queue, ready or scheduled.</summary>
    public int Total => Ready + Scheduled;
}
