namespace Serverless.Payments.Card;

/// <summary>
/// How the card-payments provider is reached and how hard the client tries (bound from
/// <c>Orders:Payments:Card</c>; docs/configuration.md gives each default's reason). The in-call retries are few and
/// short on purpose: the caller's own durable retry (the saga's <c>Orders:PaymentRetry</c>) is the long one, and it
/// waits on timers instead of holding a worker.
/// </summary>
public sealed class CardPaymentsOptions
{
    /// <summary>The provider's API root, e.g. <c>https://api.payments.example/</c> (required).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// The secret API key, sent as <c>Authorization: Bearer</c> (required; a Key Vault reference on Azure).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The ISO 4217 currency every charge is made in, e.g. <c>EUR</c> (required: a business fact).</summary>
    public string? Currency { get; set; }

    /// <summary>How long one HTTP attempt may take before it is abandoned (default 10 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one call may take in all, waiting for a concurrency permit, every attempt and the waits between them
    /// included (default 45 s).
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Retries within one call of a request that is safe to repeat (default 2).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The wait before the first in-call retry, doubled for each next, with jitter (default 0.5 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The share of failed attempts in the sampling window that opens the circuit (default 0.5).</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>The attempts the sampling window must hold before the circuit may open (default 10).</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window over which attempts are counted for the circuit (default 30 s).</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls fast before one probe is let through (default 15 s).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Requests in flight to the provider at once, per process: the bulkhead (default 16).</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Calls that may wait for a permit; past these a call fails fast as transient (default 64).</summary>
    public int QueueLimit { get; set; } = 64;

    /// <summary>
    /// Every setting that is missing or out of range, each as one sentence naming it under <paramref name="prefix"/>
    /// (e.g. <c>Orders:Payments:Card</c>).
    /// </summary>
    public IEnumerable<string> Validate(string prefix)
    {
        if (BaseUrl is not { IsAbsoluteUri: true } url
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            yield return $"{prefix}:BaseUrl must be an absolute https URL (http only on loopback, for a local fake).";
        }

        if (string.IsNullOrWhiteSpace(ApiKey) || ApiKey.Any(char.IsWhiteSpace))
        {
            yield return $"{prefix}:ApiKey must be set to the provider's secret key (no spaces).";
        }

        if (Currency is null || !MinorUnits.IsCurrencyCode(Currency))
        {
            yield return $"{prefix}:Currency must be a three-letter ISO 4217 code, such as EUR.";
        }

        foreach (var error in TimeoutErrors(prefix).Concat(BreakerErrors(prefix)))
        {
            yield return error;
        }

        if (MaxRetries is < 0 or > 10)
        {
            yield return $"{prefix}:MaxRetries must be between 0 and 10 (the saga's durable retry is the long one).";
        }

        if (MaxConcurrency < 1)
        {
            yield return $"{prefix}:MaxConcurrency must be at least 1.";
        }

        if (QueueLimit < 0)
        {
            yield return $"{prefix}:QueueLimit must not be negative (0: a call that finds no free permit fails fast).";
        }
    }

    private IEnumerable<string> TimeoutErrors(string prefix)
    {
        // Polly's own limits for a timeout strategy.
        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout > TimeSpan.FromHours(1))
        {
            yield return $"{prefix}:AttemptTimeout must be between 10 ms and 1 hour.";
        }

        if (TotalTimeout < AttemptTimeout || TotalTimeout > TimeSpan.FromHours(1))
        {
            yield return $"{prefix}:TotalTimeout must be at least {prefix}:AttemptTimeout and at most 1 hour.";
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
        {
            yield return $"{prefix}:RetryDelay must be between 0 and 1 minute.";
        }
    }

    private IEnumerable<string> BreakerErrors(string prefix)
    {
        if (FailureRatio is <= 0 or > 1)
        {
            yield return $"{prefix}:FailureRatio must be more than 0 and at most 1.";
        }

        if (MinimumThroughput < 2)
        {
            yield return $"{prefix}:MinimumThroughput must be at least 2.";
        }

        // Polly's own lower bounds.
        if (SamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return $"{prefix}:SamplingDuration must be at least 0.5 s.";
        }

        if (BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return $"{prefix}:BreakDuration must be at least 0.5 s.";
        }
    }
}
