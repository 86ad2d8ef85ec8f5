namespace Serverless.Bench.Kit;

/// <summary>Median (mean of the middle two for an even count) and nearest-rank percentiles.</summary>
public static class Percentiles
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = Sorted(values);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double NearestRank(IReadOnlyCollection<double> values, double percentile)
    {
        var sorted = Sorted(values);
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    private static double[] Sorted(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return [double.NaN];
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
