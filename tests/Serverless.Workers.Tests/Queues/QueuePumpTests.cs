using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Serverless.Storage.InMemory;
using Serverless.Storage.Queues;
using Serverless.Workers.Queues;
using Xunit;

namespace Serverless.Workers.Tests.Queues;

public sealed class QueuePumpTests
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Stopping_lets_an_in_flight_handler_finish_and_complete_and_receives_nothing_more()
    {
        // The clock never moves, so the drain timeout cannot end the drain.
        var clock = new FakeTimeProvider();
        var queue = await TestQueues.CreateAsync(clock, "in flight");
        var started = NewSignal();
        var release = NewSignal();
        var draining = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new ConcurrentQueue<string>();
        var tokenCancelled = false;
        var pump = new QueuePump(
            queue,
            async (message, token) =>
            {
                started.TrySetResult();
                await release.Task;
                tokenCancelled = token.IsCancellationRequested;
                handled.Enqueue(message.Body);
            },
            new QueuePumpOptions { MaxConcurrency = 1 },
            clock,
            new QueuePumpEvents { OnDraining = count => draining.TrySetResult(count) });
        using var stopping = new CancellationTokenSource();
        var run = pump.RunAsync(stopping.Token);
        await started.Task.WithDeadline();

        await stopping.CancelAsync();
        Assert.Equal(1, await draining.Task.WithDeadline());
        await queue.SendAsync("sent during the stop");
        release.SetResult();
        await run.WithDeadline();

        Assert.Equal(["in flight"], handled);
        Assert.False(tokenCancelled);
        var left = await queue.ReceiveAsync(10, Visibility);
        Assert.Equal(["sent during the stop"], left.Select(m => m.Body));
    }

    [Fact]
    public async Task Past_the_drain_timeout_unfinished_messages_are_returned_at_once_and_their_handlers_cancelled()
    {
        var clock = new TimerRecordingClock();
        var queue = await TestQueues.CreateAsync(clock, "slow");
        var started = NewSignal();
        var cancelled = NewSignal();
        var release = NewSignal();
        var returned = new ConcurrentQueue<int>();
        var pump = new QueuePump(
            queue,
            async (_, token) =>
            {
                started.TrySetResult();
                using var registration = token.Register(() => cancelled.TrySetResult());

                // Ignores its token: the stop must not wait for it.
                await release.Task;
            },
            new QueuePumpOptions { MaxConcurrency = 1, DrainTimeout = TimeSpan.FromSeconds(10) },
            clock,
            new QueuePumpEvents { OnUnfinishedReturned = returned.Enqueue });
        using var stopping = new CancellationTokenSource();
        var run = pump.RunAsync(stopping.Token);
        await started.Task.WithDeadline();

        await stopping.CancelAsync();
        Assert.Equal(TimeSpan.FromSeconds(10), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromSeconds(10));
        await run.WithDeadline();

        await cancelled.Task.WithDeadline();
        Assert.Equal([1], returned);
        var message = Assert.Single(await queue.ReceiveAsync(10, Visibility));
        Assert.Equal(("slow", 2), (message.Body, message.DequeueCount));
        release.SetResult();
    }

    [Fact]
    public async Task Cancelling_the_drain_token_returns_unfinished_messages_without_a_drain_timeout()
    {
        var queue = await TestQueues.CreateAsync(TimeProvider.System, "slow");
        var started = NewSignal();
        var pump = new QueuePump(
            queue,
            async (_, token) =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
            },
            new QueuePumpOptions { MaxConcurrency = 1, DrainTimeout = Timeout.InfiniteTimeSpan });
        using var stopping = new CancellationTokenSource();
        using var drain = new CancellationTokenSource();
        var run = pump.RunAsync(stopping.Token, drain.Token);
        await started.Task.WithDeadline();

        await stopping.CancelAsync();
        await drain.CancelAsync();
        await run.WithDeadline();

        var message = Assert.Single(await queue.ReceiveAsync(10, Visibility));
        Assert.Equal(("slow", 2), (message.Body, message.DequeueCount));
    }

    [Fact]
    public async Task A_failing_handler_abandons_its_message_with_a_delay_doubling_per_delivery_up_to_the_cap()
    {
        var queue = new RecordingQueue(await TestQueues.CreateAsync(TimeProvider.System, "flaky"));
        var failures = new ConcurrentQueue<int>();
        var succeeded = NewSignal();
        var pump = new QueuePump(
            queue,
            (message, _) =>
            {
                if (message.DequeueCount <= 3)
                {
                    throw new InvalidOperationException("gateway down");
                }

                succeeded.TrySetResult();
                return Task.CompletedTask;
            },
            new QueuePumpOptions
            {
                RetryBaseDelay = TimeSpan.FromMilliseconds(1),
                MaxRetryDelay = TimeSpan.FromMilliseconds(3),
                MinPollingInterval = TimeSpan.FromMilliseconds(1),
                MaxPollingInterval = TimeSpan.FromMilliseconds(2),
            },
            events: new QueuePumpEvents { OnHandlerFailed = (message, _) => failures.Enqueue(message.DequeueCount) });
        using var stopping = new CancellationTokenSource();
        var run = pump.RunAsync(stopping.Token);

        await succeeded.Task.WithDeadline();
        await stopping.CancelAsync();
        await run.WithDeadline();

        Assert.Equal([1, 2, 3], failures);
        Assert.Equal([1, 2, 3], queue.AbandonDelays.Select(d => d.TotalMilliseconds));
        Assert.Equal(0, await queue.CountAsync());
    }

    [Fact]
    public async Task An_idle_pump_waits_on_its_clock_and_a_send_in_this_process_wakes_it_at_once()
    {
        // The clock never moves, so only the send signal can end the idle wait.
        var clock = new TimerRecordingClock();
        var signals = new QueueSignals();
        var queue = new SignalingStorageProvider(new InMemoryStorageProvider(clock), signals).GetQueue("work");
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new QueuePumpOptions();
        var pump = new QueuePump(
            queue,
            (message, _) => Task.FromResult(handled.TrySetResult(message.Body)),
            options,
            clock,
            signals: signals);
        using var stopping = new CancellationTokenSource();
        var run = pump.RunAsync(stopping.Token);
        Assert.Equal(options.MinPollingInterval, await clock.NextTimerAsync());

        await queue.SendAsync("wake up");

        Assert.Equal("wake up", await handled.Task.WithDeadline());
        await stopping.CancelAsync();
        await run.WithDeadline();
    }

    [Fact]
    public async Task A_message_this_process_delays_wakes_an_idle_pump_when_it_falls_due_not_at_its_next_poll()
    {
        // Polls an hour apart: only the signal of the delayed send, when due, can get the message handled in the test.
        var clock = new TimerRecordingClock();
        var signals = new QueueSignals(clock);
        var queue = new SignalingStorageProvider(new InMemoryStorageProvider(clock), signals).GetQueue("timers");
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pump = SignalledPump(
            queue, signals, clock, body => handled.TrySetResult(body), TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        using var stopping = new CancellationTokenSource();
        var run = pump.RunAsync(stopping.Token);
        Assert.Equal(TimeSpan.FromHours(1), await clock.NextTimerAsync());
        await queue.SendAsync("fire", TimeSpan.FromSeconds(5));

        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(handled.Task.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("fire", await handled.Task.WithDeadline());
        await stopping.CancelAsync();
        await run.WithDeadline();
    }

    [Fact]
    public async Task Work_this_process_announced_leaves_the_idle_back_off_where_it_was_and_other_work_resets_it()
    {
        // The clock moves only when the test moves it, so each idle wait shows up as the timer it starts.
        var clock = new TimerRecordingClock();
        var signals = new QueueSignals(clock);
        var storage = new InMemoryStorageProvider(clock);
        var ours = new SignalingStorageProvider(storage, signals).GetQueue("work");
        var theirs = storage.GetQueue("work");
        var handled = Channel.CreateUnbounded<string>();
        var pump = SignalledPump(
            ours,
            signals,
            clock,
            body => handled.Writer.TryWrite(body),
            TimeSpan.FromMilliseconds(5),
            TimeSpan.FromMilliseconds(40));
        using var stopping = new CancellationTokenSource();
        var run = pump.RunAsync(stopping.Token);
        foreach (var wait in new[] { 5, 10, 20, 40 })
        {
            Assert.Equal(TimeSpan.FromMilliseconds(wait), await clock.NextTimerAsync());
            clock.Advance(TimeSpan.FromMilliseconds(wait));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(40), await clock.NextTimerAsync());
        await ours.SendAsync("sent here");
        Assert.Equal("sent here", await handled.Reader.ReadAsync().AsTask().WithDeadline());
        Assert.Equal(TimeSpan.FromMilliseconds(40), await clock.NextTimerAsync());

        await theirs.SendAsync("sent elsewhere");
        clock.Advance(TimeSpan.FromMilliseconds(40));
        Assert.Equal("sent elsewhere", await handled.Reader.ReadAsync().AsTask().WithDeadline());
        Assert.Equal(TimeSpan.FromMilliseconds(5), await clock.NextTimerAsync());

        await stopping.CancelAsync();
        await run.WithDeadline();
    }

    [Fact]
    public async Task A_handler_that_outran_its_visibility_timeout_is_reported_as_a_stale_receipt_not_a_completion()
    {
        var clock = new FakeTimeProvider();
        var queue = await TestQueues.CreateAsync(clock, "slow");
        var stale = new TaskCompletionSource<(
            string Body,
            TimeSpan Elapsed)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var completions = 0;
        var pump = new QueuePump(
            queue,
            async (_, token) =>
            {
                // Past the visibility timeout another receiver gets the message, which makes this delivery's receipt
                // stale.
                clock.Advance(Visibility + TimeSpan.FromSeconds(1));
                await queue.ReceiveAsync(1, Visibility, token);
            },
            new QueuePumpOptions { MaxConcurrency = 1, VisibilityTimeout = Visibility },
            clock,
            new QueuePumpEvents
            {
                OnCompleted = (_, _) => Interlocked.Increment(ref completions),
                OnReceiptStale = (message, elapsed) => stale.TrySetResult((message.Body, elapsed)),
            });
        using var stopping = new CancellationTokenSource();
        var run = pump.RunAsync(stopping.Token);

        Assert.Equal(("slow", Visibility + TimeSpan.FromSeconds(1)), await stale.Task.WithDeadline());
        await stopping.CancelAsync();
        await run.WithDeadline();
        Assert.Equal(0, completions);
    }

    [Fact]
    public async Task A_delivery_completed_with_a_stale_receipt_counts_as_not_completed_and_is_reported_stale()
    {
        var clock = new FakeTimeProvider();
        var queue = await TestQueues.CreateAsync(clock, "folded");
        var stale = NewSignal();
        var completions = 0;
        var pump = new QueuePump(
            queue,
            async (delivery, token) =>
            {
                // As a transactional write that found its receipt stale reports it: completed nothing, said so.
                clock.Advance(Visibility + TimeSpan.FromSeconds(1));
                await queue.ReceiveAsync(1, Visibility, token);
                delivery.MarkStale();
                return true;
            },
            new QueuePumpOptions { MaxConcurrency = 1, VisibilityTimeout = Visibility },
            clock,
            new QueuePumpEvents
            {
                OnCompleted = (_, _) => Interlocked.Increment(ref completions),
                OnReceiptStale = (_, _) => stale.TrySetResult(),
            });
        using var stopping = new CancellationTokenSource();
        var run = pump.RunAsync(stopping.Token);

        await stale.Task.WithDeadline();
        await stopping.CancelAsync();
        await run.WithDeadline();
        Assert.Equal(0, completions);
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    [InlineData(false, true, false)]
    public void A_handler_completed_its_delivery_only_when_it_says_so_and_the_receipt_was_not_stale(
        bool reported,
        bool stale,
        bool completed)
    {
        var delivery = new QueueCompletion("work", new QueueMessage("m", "r", "body", 1, DateTimeOffset.UnixEpoch));
        if (stale)
        {
            delivery.MarkStale();
        }

        Assert.Equal(completed, QueuePump.CompletedByHandler(reported, delivery));
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(int.MaxValue, 8)]
    public async Task A_receive_asks_for_as_many_messages_as_there_are_free_slots_up_to_the_batch_size(
        int batchSize,
        int largestReceive)
    {
        var queue = new RecordingQueue(await TestQueues.CreateAsync(
            TimeProvider.System,
            [.. Enumerable.Range(0, 10).Select(i => $"message {i}")]));
        var handled = 0;
        var allHandled = NewSignal();
        var pump = new QueuePump(
            queue,
            (_, _) =>
            {
                if (Interlocked.Increment(ref handled) == 10)
                {
                    allHandled.TrySetResult();
                }

                return Task.CompletedTask;
            },
            new QueuePumpOptions { MaxConcurrency = 8, BatchSize = batchSize });
        using var stopping = new CancellationTokenSource();
        var run = pump.RunAsync(stopping.Token);

        await allHandled.Task.WithDeadline();
        await stopping.CancelAsync();
        await run.WithDeadline();

        Assert.Equal(largestReceive, queue.ReceiveSizes.First());
        Assert.All(queue.ReceiveSizes, size => Assert.InRange(size, 1, largestReceive));
    }

    [Fact]
    public async Task A_failed_receive_is_reported_and_polling_goes_on()
    {
        var queue = new RecordingQueue(await TestQueues.CreateAsync(TimeProvider.System, "after the outage"));
        queue.FailNextReceives(1);
        var errors = new ConcurrentQueue<Exception>();
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pump = new QueuePump(
            queue,
            (message, _) => Task.FromResult(handled.TrySetResult(message.Body)),
            new QueuePumpOptions { MaxPollingInterval = TimeSpan.FromMilliseconds(1) },
            events: new QueuePumpEvents { OnReceiveFailed = errors.Enqueue });
        using var stopping = new CancellationTokenSource();
        var run = pump.RunAsync(stopping.Token);

        Assert.Equal("after the outage", await handled.Task.WithDeadline());
        await stopping.CancelAsync();
        await run.WithDeadline();
        Assert.Equal("storage unavailable", Assert.Single(errors).Message);
    }

    [Fact]
    public async Task Messages_received_as_the_stop_begins_go_back_to_the_queue_unhandled()
    {
        var queue = new RecordingQueue(await TestQueues.CreateAsync(TimeProvider.System, "late"));
        using var stopping = new CancellationTokenSource();
        queue.AfterReceive = stopping.Cancel;
        var handled = 0;
        var pump = new QueuePump(queue, (_, _) => Task.FromResult(Interlocked.Increment(ref handled)));

        await pump.RunAsync(stopping.Token).WithDeadline();

        Assert.Equal(0, handled);
        Assert.Equal([TimeSpan.Zero], queue.AbandonDelays);
        queue.AfterReceive = null;
        var message = Assert.Single(await queue.ReceiveAsync(10, Visibility));
        Assert.Equal(("late", 2), (message.Body, message.DequeueCount));
    }

    [Fact]
    public void Idle_waits_double_from_the_minimum_to_the_cap_and_never_drop_below_a_millisecond()
    {
        var options = new QueuePumpOptions
        {
            MinPollingInterval = TimeSpan.FromMilliseconds(5),
            MaxPollingInterval = TimeSpan.FromMilliseconds(30),
        };

        var delays = Enumerable.Range(1, 6).Select(emptyPolls => options.GetPollingDelay(emptyPolls).TotalMilliseconds);

        Assert.Equal([5, 10, 20, 30, 30, 30], delays);
        Assert.Equal(
            TimeSpan.FromMilliseconds(1),
            new QueuePumpOptions
            {
                MinPollingInterval = TimeSpan.Zero,
                MaxPollingInterval = TimeSpan.Zero,
            }.GetPollingDelay(1));
    }

    // A pump on a queue whose sends in this process signal it, polling between the two intervals given.
    private static QueuePump SignalledPump(
        IQueue queue,
        QueueSignals signals,
        TimeProvider clock,
        Action<string> handle,
        TimeSpan minPolling,
        TimeSpan maxPolling) =>
        new(
            queue,
            (message, _) =>
            {
                handle(message.Body);
                return Task.CompletedTask;
            },
            new QueuePumpOptions { MinPollingInterval = minPolling, MaxPollingInterval = maxPolling },
            clock,
            signals: signals);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
