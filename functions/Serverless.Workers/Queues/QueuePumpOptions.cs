using Serverless.Storage.Queues;

namespace Serverless.Workers.Queues;

/// <summary>
/// How a <see cref="QueuePump"/> polls and processes one queue, and the callbacks through which it reports what it does.
/// The callbacks run on the pump's threads and must not throw.
/// </summary>
public sealed record QueuePumpOptions
{
    /// <summary>How many messages are processed at once (at least 1).</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>The most messages asked for in one receive (at least 1); by default as many as there are free handler slots.</summary>
    public int BatchSize { get; init; } = int.MaxValue;

    /// <summary>How long a received message stays hidden from other receivers.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first wait after an empty poll; it doubles on each further empty poll.</summary>
    public TimeSpan MinPollingInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest wait between polls of an empty queue, and the wait after a failed receive.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The delay before a failed message is retried on its first failure; it doubles with each delivery.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest delay before a failed message is retried.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On stop, how long in-flight messages may take to finish before they are returned to the queue and their handlers
    /// cancelled; <see cref="Timeout.InfiniteTimeSpan"/> leaves the deadline to the drain token of <see cref="QueuePump.RunAsync"/>.
    /// </summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Called when a handler succeeded and its message was deleted, with the time the handler took.</summary>
    public Action<QueueMessage, TimeSpan>? OnCompleted { get; init; }

    /// <summary>
    /// Called when a handler succeeded but its receipt was stale (it outran <see cref="VisibilityTimeout"/>, so the message
    /// was handed out again): the message may run twice. With the time the handler took.
    /// </summary>
    public Action<QueueMessage, TimeSpan>? OnReceiptStale { get; init; }

    /// <summary>Called when completing or abandoning a message failed; it reappears after its visibility timeout.</summary>
    public Action<QueueMessage, Exception>? OnSettleFailed { get; init; }

    /// <summary>Called when a receive failed; the pump waits <see cref="MaxPollingInterval"/> and receives again.</summary>
    public Action<Exception>? OnReceiveFailed { get; init; }

    /// <summary>Called on stop when handlers are still running, with their number, before waiting for them.</summary>
    public Action<int>? OnDraining { get; init; }

    /// <summary>Called when the drain deadline passed, with the number of unfinished messages returned to the queue.</summary>
    public Action<int>? OnUnfinishedReturned { get; init; }

    /// <summary>The wait after the <paramref name="emptyPolls"/>-th empty poll in a row: min × 2^(n − 1), capped, never under 1 ms.</summary>
    public TimeSpan GetPollingDelay(int emptyPolls)
    {
        // A zero delay would spin.
        var min = Math.Max(MinPollingInterval.Ticks, TimeSpan.TicksPerMillisecond);
        return Doubling(min, Math.Max(MaxPollingInterval.Ticks, min), emptyPolls);
    }

    /// <summary>The back-off after the delivery numbered <paramref name="dequeueCount"/> failed: base × 2^(count − 1), capped.</summary>
    public TimeSpan GetRetryDelay(int dequeueCount) => Doubling(RetryDelay.Ticks, MaxRetryDelay.Ticks, dequeueCount);

    private static TimeSpan Doubling(long first, long max, int count)
    {
        var exponent = Math.Clamp(count - 1, 0, 30);
        var ticks = Math.Min(first * (double)(1L << exponent), max);
        return TimeSpan.FromTicks((long)Math.Max(ticks, 0));
    }
}
