using Serverless.Orders.Rates;

namespace Serverless.Orders.Tests.Rates;

public sealed class OrderRatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 55, TimeSpan.Zero);

    [Fact]
    public void Orders_are_counted_in_the_10_second_bucket_of_their_time_and_the_total_is_their_sum()
    {
        var rates = new OrderRates();
        rates.RecordPlaced(Now.AddSeconds(-1));
        rates.RecordPlaced(Now.AddSeconds(-12));
        rates.RecordSettled(Now.AddSeconds(-2), TimeSpan.FromMilliseconds(80));

        var reading = rates.Read(Now, TimeSpan.FromMinutes(1));

        Assert.Equal(6, reading.Buckets.Count);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 12, 0, 50, TimeSpan.Zero), reading.Buckets[^1].Start);
        Assert.Equal((1, 1), (reading.Buckets[^1].Placed, reading.Buckets[^1].Settled));
        Assert.Equal((1, 0), (reading.Buckets[^2].Placed, reading.Buckets[^2].Settled));
        Assert.Equal((2, 1), (reading.Total.Placed, reading.Total.Settled));
        Assert.Equal(2 / 60.0, reading.Total.PlacedPerSecond, 6);
    }

    [Fact]
    public void Percentiles_are_at_most_10_percent_above_the_true_values()
    {
        var rates = new OrderRates();
        for (var ms = 1; ms <= 1000; ms++)
        {
            rates.RecordSettled(Now, TimeSpan.FromMilliseconds(ms));
        }

        var total = rates.Read(Now, TimeSpan.FromSeconds(10)).Total;

        Assert.InRange(total.SagaP50Milliseconds!.Value, 500, 550);
        Assert.InRange(total.SagaP99Milliseconds!.Value, 990, 1089);
    }

    [Fact]
    public void A_span_where_nothing_settled_has_no_percentiles()
    {
        var rates = new OrderRates();
        rates.RecordPlaced(Now);

        var total = rates.Read(Now, TimeSpan.FromMinutes(5)).Total;

        Assert.Equal((1, 0), (total.Placed, total.Settled));
        Assert.Null(total.SagaP50Milliseconds);
        Assert.Null(total.SagaP99Milliseconds);
    }

    [Fact]
    public void What_is_older_than_the_retention_is_gone_and_a_late_old_event_is_not_counted()
    {
        var rates = new OrderRates();
        rates.RecordPlaced(Now - OrderRates.Retention - TimeSpan.FromSeconds(10));
        rates.RecordPlaced(Now);
        rates.RecordPlaced(Now - OrderRates.Retention - TimeSpan.FromSeconds(1));

        var reading = rates.Read(Now, OrderRates.Retention);

        Assert.Equal(1, reading.Total.Placed);
        Assert.Equal(60, reading.Buckets.Count);
    }
}
