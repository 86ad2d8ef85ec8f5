using System.Text.Json.Serialization;
using Serverless.Orders.Rates;

namespace Serverless.Host.Management;

/// <summary>One span of <see cref="RatesResponse"/>.</summary>
/// <param name="Start">When it began.</param>
/// <param name="Placed">Orders placed in it.</param>
/// <param name="Settled">Orders settled (confirmed or cancelled) in it.</param>
/// <param name="PlacedPerSecond">Orders placed per second.</param>
/// <param name="SettledPerSecond">Orders settled per second.</param>
/// <param name="SagaP50Ms">The median time from placing to settling of the orders settled in it, at most 10 % high;
/// <see langword="null"/> (written) when none settled.</param>
/// <param name="SagaP99Ms">The 99th percentile of the same.</param>
internal sealed record RateResponse(
    DateTimeOffset Start,
    int Placed,
    int Settled,
    double PlacedPerSecond,
    double SettledPerSecond,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? SagaP50Ms,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? SagaP99Ms)
{
    public static RateResponse From(OrderRateBucket bucket) =>
        new(
            bucket.Start,
            bucket.Placed,
            bucket.Settled,
            Math.Round(bucket.PlacedPerSecond, 3),
            Math.Round(bucket.SettledPerSecond, 3),
            bucket.SagaP50Milliseconds,
            bucket.SagaP99Milliseconds);
}
