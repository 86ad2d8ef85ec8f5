using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Serverless.Payments.Card;

/// <summary>
/// The resilience pipeline every request to the provider runs through, outermost first: a total timeout (a call never
/// holds its caller longer, waits included), the bulkhead (at most <c>MaxConcurrency</c> requests in flight, at most
/// <c>QueueLimit</c> waiting, the rest fail fast), retries (only of a request the provider's idempotency makes safe to
/// repeat: a lookup, which is a GET, or a POST that carries an <c>Idempotency-Key</c>), the circuit breaker (each
/// attempt counts: once it opens, calls fail fast without reaching the provider until a probe succeeds), and the
/// per-attempt timeout.
/// </summary>
internal static class CardPaymentsPipeline
{
    /// <summary>The pipeline's name (its telemetry and its one circuit per process).</summary>
    public const string Name = "card-payments";

    /// <summary>The header that makes a POST safe to repeat.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, CardPaymentsOptions options)
    {
        builder
            .AddTimeout(new TimeoutStrategyOptions { Name = "total-timeout", Timeout = options.TotalTimeout })
            .AddConcurrencyLimiter(options.MaxConcurrency, options.QueueLimit);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = static args => ValueTask.FromResult(
                    IsTransient(args.Outcome) && IsSafeToRepeat(args.Context.GetRequestMessage())),
            });
        }

        builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                Name = "circuit-breaker",
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = static args => ValueTask.FromResult(IsProviderFailure(args.Outcome)),
            })
            .AddTimeout(new TimeoutStrategyOptions { Name = "attempt-timeout", Timeout = options.AttemptTimeout });
    }

    /// <summary>
    /// A failure of the provider itself, which counts towards opening the circuit: no answer (a timeout, a connection
    /// that failed or broke), a 5xx, 408 or 429. A 4xx about the request (a decline, an idempotency key in use) says
    /// the provider is working.
    /// </summary>
    public static bool IsProviderFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500
            || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };

    /// <summary>
    /// What may succeed if tried again in a moment: a provider failure, or a 409 (a request with the same idempotency
    /// key is still being processed). Never an open circuit or a full bulkhead: those fail fast by design.
    /// </summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        IsProviderFailure(outcome) || outcome.Result?.StatusCode == HttpStatusCode.Conflict;

    /// <summary>A GET, or a request the provider deduplicates by its idempotency key.</summary>
    public static bool IsSafeToRepeat(HttpRequestMessage? request) =>
        request is not null
        && (request.Method == HttpMethod.Get || request.Headers.Contains(IdempotencyKeyHeader));
}
