using Serverless.Hosting.Queues;

namespace Serverless.Hosting.Tests;

public sealed class BackoffTests
{
    [Fact]
    public void An_idle_queue_is_polled_after_10_ms_then_ever_more_slowly_up_to_500_ms()
    {
        var options = new QueuePollerOptions();
        var backoff = new IdleBackoff(options.MinPollingInterval, options.MaxPollingInterval);

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalMilliseconds).ToArray();

        Assert.Equal([10, 20, 40, 80, 160, 320, 500, 500], delays);
    }

    [Fact]
    public void Work_arriving_resets_the_idle_delay_to_the_shortest()
    {
        var backoff = new IdleBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(500));
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromMilliseconds(10), backoff.Next());
    }

    [Fact]
    public void A_zero_polling_interval_never_spins()
    {
        var backoff = new IdleBackoff(TimeSpan.Zero, TimeSpan.Zero);

        Assert.True(backoff.Next() >= TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void A_failed_message_is_retried_after_a_delay_doubling_with_each_delivery_up_to_the_cap()
    {
        var options = new QueuePollerOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(10) };

        var delays = Enumerable.Range(1, 6).Select(count => options.GetRetryDelay(count).TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 10, 10], delays);
        Assert.Equal(TimeSpan.FromSeconds(10), options.GetRetryDelay(int.MaxValue));
    }
}
