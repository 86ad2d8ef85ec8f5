namespace Serverless.Orders.Rates;

/// <summary>What <see cref="OrderRates"/> counted in one span of time.</summary>
/// <param name="Start">When the span began.</param>
/// <param name="Length">How long it is.</param>
/// <param name="Placed">Orders placed in it.</param>
/// <param name="Settled">Orders settled (confirmed or cancelled) in it.</param>
/// <param name="SagaP50Milliseconds">The median time from placing to settling of the orders settled in it (at most
/// 10 % high); <see langword="null"/> when none settled.</param>
/// <param name="SagaP99Milliseconds">The 99th percentile of the same.</param>
public sealed record OrderRateBucket(
    DateTimeOffset Start,
    TimeSpan Length,
    int Placed,
    int Settled,
    double? SagaP50Milliseconds,
    double? SagaP99Milliseconds)
{
    /// <summary>Orders placed per second over the span.</summary>
    public double PlacedPerSecond => Placed / Length.TotalSeconds;

    /// <summary>Orders settled per second over the span.</summary>
    public double SettledPerSecond => Settled / Length.TotalSeconds;
}
