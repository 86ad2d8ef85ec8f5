namespace Serverless.Orders.Rates;

/// <summary>
/// One bucket of <see cref="OrderRates"/>: counts, and saga durations in bins growing by <see cref="Growth"/> (10 %),
/// so a percentile read from it is at most 10 % above the true value.
/// </summary>
internal sealed class RateBucket(long number)
{
    private const double Growth = 1.1;
    private const int Bins = 180; // 1.1^179 ms is about 7 hours: longer sagas land in the last bin.
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly int[] _durations = new int[Bins];

    public long Number { get; } = number;

    public int Placed { get; private set; }

    public int Settled { get; private set; }

    public void AddPlaced() => Placed++;

    public void AddSettled(TimeSpan duration)
    {
        Settled++;
        _durations[Bin(duration.TotalMilliseconds)]++;
    }

    public void Add(RateBucket other)
    {
        Placed += other.Placed;
        Settled += other.Settled;
        for (var i = 0; i < Bins; i++)
        {
            _durations[i] += other._durations[i];
        }
    }

    public OrderRateBucket ToReading(DateTimeOffset start, TimeSpan length) =>
        new(start, length, Placed, Settled, Percentile(0.50), Percentile(0.99));

    // The upper bound of the bin holding the p-th duration; null when nothing settled.
    private double? Percentile(double p)
    {
        if (Settled == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (int)Math.Ceiling(p * Settled));
        var seen = 0;
        for (var i = 0; i < Bins; i++)
        {
            seen += _durations[i];
            if (seen >= rank)
            {
                return Math.Round(Math.Pow(Growth, i), 1);
            }
        }

        return Math.Round(Math.Pow(Growth, Bins - 1), 1);
    }

    private static int Bin(double milliseconds) =>
        milliseconds <= 1 ? 0 : Math.Min(Bins - 1, (int)Math.Ceiling(Math.Log(milliseconds) / LogGrowth));
}
