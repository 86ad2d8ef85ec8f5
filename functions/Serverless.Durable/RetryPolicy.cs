namespace Serverless.Durable;

/// <summary>
/// How an orchestrator retries a failed activity. Waits between attempts are durable timers, so a retry survives a
/// process restart; jitter is derived from the instance and task, so replay sees the same delays.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="maxAttempts">Total attempts, the first included (at least 1).</param>
    /// <param name="firstRetryInterval">The wait before the second attempt.</param>
    public RetryPolicy(int maxAttempts, TimeSpan firstRetryInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstRetryInterval, TimeSpan.Zero);
        MaxAttempts = maxAttempts;
        FirstRetryInterval = firstRetryInterval;
    }

    /// <summary>Total attempts, the first included.</summary>
    public int MaxAttempts { get; }

    /// <summary>The wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>The factor each wait grows by (exponential back-off); 1 for a constant wait.</summary>
    public double BackoffCoefficient { get; init; } = 2.0;

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxRetryInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The fraction (0-1) by which each wait is randomly shortened or lengthened, to spread retries out.</summary>
    public double Jitter { get; init; }

    /// <summary>Decides whether a failure is worth retrying; by default every failure is.</summary>
    public Func<TaskFailureDetails, bool> Handle { get; init; } = static _ => true;

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, given a deterministic <paramref name="random"/> sample in [0, 1).</summary>
    public TimeSpan DelayAfter(int attempt, double random)
    {
        var exponential = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, attempt - 1);
        var capped = Math.Min(exponential, MaxRetryInterval.TotalMilliseconds);
        var jittered = capped * (1 + (Jitter * ((2 * random) - 1)));
        return TimeSpan.FromMilliseconds(Math.Max(0, jittered));
    }
}
