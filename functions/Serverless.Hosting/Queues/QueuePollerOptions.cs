using Serverless.Storage.Queues;
using Serverless.Workers.Queues;

namespace Serverless.Hosting.Queues;

/// <summary>How the local pollers run queue functions; bound from <c>Serverless:Queues</c>.</summary>
public sealed class QueuePollerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = FunctionsHostOptions.SectionName + ":Queues";

    /// <summary>The most messages asked for in one receive (default 16, Azure's <c>batchSize</c>).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>The most handlers of one function running at once (default 16).</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>
    /// How long a received message stays hidden from other receivers (default 1 min). A handler running longer may see
    /// its message delivered again; a crashed host's messages come back after this long.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first wait after an empty receive (default 10 ms); doubled on each empty receive, reset by work.</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest wait between receives on an idle queue (default 500 ms).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The delay before a failed message is retried the first time (default 1 s); doubled per delivery.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay before a failed message is retried (default 1 min).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Deliveries of a message before it goes to <c>&lt;queue&gt;-poison</c> (default 5, Azure's <c>maxDequeueCount</c>); the
    /// embedded storage enforces it.
    /// </summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>The back-off after the delivery numbered <paramref name="dequeueCount"/> failed: base × 2^(count − 1), capped.</summary>
    public TimeSpan GetRetryDelay(int dequeueCount) => ToPumpOptions().GetRetryDelay(dequeueCount);

    /// <summary>
    /// The pump settings these options stand for. No drain timeout of its own: in-flight handlers may run until the host's
    /// shutdown timeout (<c>HostOptions.ShutdownTimeout</c>) ends the drain.
    /// </summary>
    internal QueuePumpOptions ToPumpOptions() => new()
    {
        BatchSize = BatchSize,
        MaxConcurrency = MaxConcurrency,
        VisibilityTimeout = VisibilityTimeout,
        MinPollingInterval = MinPollingInterval,
        MaxPollingInterval = MaxPollingInterval,
        RetryDelay = RetryBaseDelay,
        MaxRetryDelay = MaxRetryDelay,
        DrainTimeout = Timeout.InfiniteTimeSpan,
    };
}
