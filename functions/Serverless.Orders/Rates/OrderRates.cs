namespace Serverless.Orders.Rates;

/// <summary>
/// What this process saw of orders in the last <see cref="Retention"/>: how many it placed and settled (confirmed or
/// cancelled) in each <see cref="BucketLength"/>, and how long their sagas took, as a log-scale histogram per bucket.
/// Counted in memory where the order store writes (<see cref="Ordering.OrderStore"/>), so it costs no storage request
/// on any backend; the price is that each process knows only what it did itself.
/// </summary>
public sealed class OrderRates
{
    /// <summary>The length of one bucket.</summary>
    public static readonly TimeSpan BucketLength = TimeSpan.FromSeconds(10);

    /// <summary>How far back the buckets reach.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    private static readonly int BucketCount = (int)(Retention / BucketLength);
    private readonly RateBucket[] _buckets = new RateBucket[BucketCount];
    private readonly Lock _lock = new();

    /// <summary>Counts an order placed at <paramref name="at"/>.</summary>
    public void RecordPlaced(DateTimeOffset at)
    {
        lock (_lock)
        {
            BucketAt(at)?.AddPlaced();
        }
    }

    /// <summary>Counts an order settled at <paramref name="at"/> whose saga took <paramref name="duration"/>.</summary>
    public void RecordSettled(DateTimeOffset at, TimeSpan duration)
    {
        lock (_lock)
        {
            BucketAt(at)?.AddSettled(duration);
        }
    }

    /// <summary>
    /// The buckets of the <paramref name="window"/> before <paramref name="now"/>, oldest first (empty ones included),
    /// and their sum.
    /// </summary>
    public OrderRatesReading Read(DateTimeOffset now, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, BucketLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, Retention);
        var last = BucketNumber(now);
        var count = (int)Math.Ceiling(window / BucketLength);
        var total = new RateBucket(last);
        var buckets = new List<OrderRateBucket>(count);
        lock (_lock)
        {
            for (var number = last - count + 1; number <= last; number++)
            {
                var held = _buckets[Slot(number)];
                var bucket = held is not null && held.Number == number ? held : new RateBucket(number);
                total.Add(bucket);
                buckets.Add(bucket.ToReading(Start(number), BucketLength));
            }
        }

        return new OrderRatesReading(buckets, total.ToReading(Start(last - count + 1), count * BucketLength));
    }

    private RateBucket? BucketAt(DateTimeOffset at)
    {
        var number = BucketNumber(at);
        var slot = Slot(number);
        var held = _buckets[slot];
        if (held is not null && held.Number == number)
        {
            return held;
        }

        // An event older than the bucket in its slot is past the retention: nothing shows it any more.
        if (held is not null && held.Number > number)
        {
            return null;
        }

        return _buckets[slot] = new RateBucket(number);
    }

    private static long BucketNumber(DateTimeOffset at) => at.UtcTicks / BucketLength.Ticks;

    private static DateTimeOffset Start(long number) => new(number * BucketLength.Ticks, TimeSpan.Zero);

    private static int Slot(long number) => (int)(number % BucketCount);
}
