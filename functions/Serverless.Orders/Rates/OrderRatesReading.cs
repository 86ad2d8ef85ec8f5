namespace Serverless.Orders.Rates;

/// <summary>A reading of <see cref="OrderRates"/>: its buckets over a window, oldest first, and their sum.</summary>
/// <param name="Buckets">Each bucket of the window.</param>
/// <param name="Total">The whole window as one span.</param>
public sealed record OrderRatesReading(IReadOnlyList<OrderRateBucket> Buckets, OrderRateBucket Total);
