namespace Serverless.Bench.Kit;

/// <summary>The median and the nearest-rank 90th percentile of some values (NaN for none).</summary>
public sealed record Spread(double P50, double P90)
{
    public static Spread Of(IReadOnlyCollection<double> values) =>
        new(Percentiles.Median(values), Percentiles.NearestRank(values, 90));
}
