namespace Serverless.Workers.Queues;

/// <summary>
/// How a <see cref="QueuePump"/> polls and runs one queue: the queue runtime's one settings type. Queue functions use
/// the instance bound from <c>Serverless:Queues</c> (which host.json's <c>extensions.queues</c> feeds); the engine's
/// queue service creates its own instances from the engine's settings. The defaults are the queue functions' (Azure
/// Functions' queue trigger: 16 at once, hidden for a minute while handled).
/// </summary>
public sealed class QueuePumpOptions
{
    /// <summary>The configuration section queue functions' options are bound from.</summary>
    public const string SectionName = "Serverless:Queues";

    /// <summary>The most messages asked for in one receive (at least 1; default 16, Azure's <c>batchSize</c>); never
    /// more than there are free handler slots.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>How many messages are processed at once (at least 1; default 16).</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>
    /// How long a received message stays hidden from other receivers (default 1 min). A handler running longer may see
    /// its message delivered again; a crashed process's messages come back after this long unless its lease says so
    /// first.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first wait after an empty poll (default 10 ms); it doubles on each further empty poll, reset by
    /// work.</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest wait between polls of an empty queue, and the wait after a failed receive (default 1 min,
    /// Azure Functions' <c>maxPollingInterval</c>); a send from this process ends the wait at once.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The delay before a failed message is retried on its first failure (default 1 s); it doubles with each
    /// delivery.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay before a failed message is retried (default 1 min).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// On stop, how long in-flight messages may take to finish before they are returned to the queue and their handlers
    /// cancelled; <see cref="Timeout.InfiniteTimeSpan"/> (the default) leaves the deadline to the drain token of
    /// <see cref="QueuePump.RunAsync"/> (for queue functions, the host's shutdown timeout).
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Deliveries of a message before it goes to <c>&lt;queue&gt;-poison</c> (default 5, Azure's
    /// <c>maxDequeueCount</c>). The storage enforces it: the host passes it to its backend's queue options.
    /// </summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>The wait after the <paramref name="emptyPolls"/>-th empty poll in a row: min × 2^(n − 1), capped, never
    /// under 1 ms.</summary>
    public TimeSpan GetPollingDelay(int emptyPolls)
    {
        // A zero delay would spin.
        var min = Math.Max(MinPollingInterval.Ticks, TimeSpan.TicksPerMillisecond);
        return Doubling(min, Math.Max(MaxPollingInterval.Ticks, min), emptyPolls);
    }

    /// <summary>The back-off after the delivery numbered <paramref name="dequeueCount"/> failed: base × 2^(count − 1),
    /// capped.</summary>
    public TimeSpan GetRetryDelay(int dequeueCount) =>
        Doubling(RetryBaseDelay.Ticks, MaxRetryDelay.Ticks, dequeueCount);

    private static TimeSpan Doubling(long first, long max, int count)
    {
        var exponent = Math.Clamp(count - 1, 0, 30);
        var ticks = Math.Min(first * (double)(1L << exponent), max);
        return TimeSpan.FromTicks((long)Math.Max(ticks, 0));
    }

    /// <summary>
    /// Every setting that is out of range, as one line each naming it under <see cref="SectionName"/>.
    /// </summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(BatchSize), BatchSize),
            (nameof(MaxConcurrency), MaxConcurrency),
            (nameof(MaxDequeueCount), MaxDequeueCount),
        })
        {
            if (value < 1)
            {
                yield return $"{SectionName}:{name} is {value}; it must be at least 1.";
            }
        }

        if (VisibilityTimeout <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:VisibilityTimeout is {VisibilityTimeout}; it must be above zero.";
        }

        foreach (var (name, low, high) in new[]
        {
            ("PollingInterval", MinPollingInterval, MaxPollingInterval),
            ("RetryDelay", RetryBaseDelay, MaxRetryDelay),
        })
        {
            if (low < TimeSpan.Zero || high < low)
            {
                yield return $"{SectionName}: the {name} bounds are {low} and {high}; they must not be negative, " +
                    "and the larger must not be below the smaller.";
            }
        }

        if (DrainTimeout < TimeSpan.Zero && DrainTimeout != Timeout.InfiniteTimeSpan)
        {
            yield return $"{SectionName}:DrainTimeout is {DrainTimeout}; it must not be negative.";
        }
    }
}
