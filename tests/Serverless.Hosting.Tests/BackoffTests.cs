using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Serverless.Hosting.Queues;
using Serverless.Storage;
using Serverless.Storage.InMemory;
using Serverless.Workers.Queues;

namespace Serverless.Hosting.Tests;

public sealed class BackoffTests
{
    [Fact]
    public void An_idle_queue_is_polled_after_10_ms_then_ever_more_slowly_up_to_a_minute()
    {
        var options = new QueuePumpOptions();

        var delays = Enumerable.Range(1, 15)
            .Select(emptyPolls => options.GetPollingDelay(emptyPolls).TotalMilliseconds)
            .ToArray();

        Assert.Equal([10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10240, 20480, 40960, 60000, 60000], delays);
    }

    [Fact]
    public async Task Work_arriving_resets_the_idle_delay_to_the_shortest()
    {
        // Only this test moves the pollers' clock, so every idle wait shows up as one timer, in order.
        var clock = new TimerRecordingClock();
        var storage = new InMemoryStorageProvider();
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IStorageProvider>(storage);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddQueueFunction("Work", "work", (_, _, _) =>
        {
            handled.TrySetResult();
            return Task.CompletedTask;
        });
        builder.Services.AddLocalQueuePollers(o =>
        {
            o.MinPollingInterval = TimeSpan.FromMilliseconds(10);
            o.MaxPollingInterval = TimeSpan.FromMilliseconds(500);
        });
        using var host = builder.Build();
        await host.StartAsync();

        Assert.Equal(TimeSpan.FromMilliseconds(10), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(TimeSpan.FromMilliseconds(20), await clock.NextTimerAsync());
        await storage.GetQueue("work").SendAsync("work");
        clock.Advance(TimeSpan.FromMilliseconds(20));
        await handled.Task.WithDeadline("the message is handled");

        Assert.Equal(TimeSpan.FromMilliseconds(10), await clock.NextTimerAsync());
        await host.StopAsync();
    }

    [Fact]
    public void A_zero_polling_interval_never_spins()
    {
        var options = new QueuePumpOptions { MinPollingInterval = TimeSpan.Zero, MaxPollingInterval = TimeSpan.Zero };

        Assert.True(options.GetPollingDelay(1) >= TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void A_failed_message_is_retried_after_a_delay_doubling_with_each_delivery_up_to_the_cap()
    {
        var options = new QueuePumpOptions
        {
            RetryBaseDelay = TimeSpan.FromSeconds(1),
            MaxRetryDelay = TimeSpan.FromSeconds(10),
        };

        var delays = Enumerable.Range(1, 6).Select(count => options.GetRetryDelay(count).TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 10, 10], delays);
        Assert.Equal(TimeSpan.FromSeconds(10), options.GetRetryDelay(int.MaxValue));
    }

    private sealed class TimerRecordingClock : FakeTimeProvider
    {
        private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

        public Task<TimeSpan> NextTimerAsync() =>
            _timers.Reader.ReadAsync().AsTask().WithDeadline("the poller waits on its clock");

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _timers.Writer.TryWrite(dueTime);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
