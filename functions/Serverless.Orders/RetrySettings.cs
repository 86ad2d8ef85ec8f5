namespace Serverless.Orders;

/// <summary>
/// A retry policy as configuration (and as part of a saga's input, so a running saga keeps the policy it started with).
/// </summary>
public sealed class RetrySettings
{
    /// <summary>Total attempts, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The factor each wait grows by (exponential back-off).</summary>
    public double BackoffCoefficient { get; set; } = 2.0;

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The fraction (0-1) by which each wait is randomly shortened or lengthened.</summary>
    public double Jitter { get; set; } = 0.2;

    internal IEnumerable<string> Validate(string prefix)
    {
        if (MaxAttempts < 1)
        {
            yield return $"{prefix}:MaxAttempts must be at least 1.";
        }

        if (FirstRetryInterval < TimeSpan.Zero || MaxRetryInterval < TimeSpan.Zero)
        {
            yield return $"{prefix} intervals must not be negative.";
        }

        if (BackoffCoefficient < 1)
        {
            yield return $"{prefix}:BackoffCoefficient must be at least 1.";
        }

        if (Jitter is < 0 or > 1)
        {
            yield return $"{prefix}:Jitter must be between 0 and 1.";
        }
    }
}
