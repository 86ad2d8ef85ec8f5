using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Serverless.Storage.InMemory;
using Serverless.Storage.Queues;
using Serverless.Workers.Queues;
using Xunit;

namespace Serverless.Workers.Tests.Queues;

/// <summary>
/// A pump registered with <see cref="LocalQueueWorkers"/> runs messages senders in its process hand it, in its own
/// slots.
/// </summary>
public sealed class LocalQueueWorkersTests
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_message_handed_to_a_reserved_slot_runs_without_being_received()
    {
        var local = new LocalQueueWorkers();
        var queue = await TestQueues.CreateAsync(null);
        var handled = new TaskCompletionSource<QueueMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopping = new CancellationTokenSource();
        var run = Pump(queue, local, message => handled.TrySetResult(message)).RunAsync(stopping.Token);
        var slot = await ReserveAsync(local);
        var message = new QueueMessage("id-1", "receipt-1", "handed over", 1, DateTimeOffset.UnixEpoch);

        slot.Deliver(message);

        Assert.Same(message, await handled.Task.WithDeadline());
        await stopping.CancelAsync();
        await run.WithDeadline();
    }

    [Fact]
    public async Task Beyond_its_free_slots_a_pump_holds_as_many_handed_over_messages_as_it_has_slots_and_no_more()
    {
        var local = new LocalQueueWorkers();
        var queue = await TestQueues.CreateAsync(null);
        using var stopping = new CancellationTokenSource();
        var run = Pump(queue, local, _ => { }, concurrency: 1).RunAsync(stopping.Token);
        var slot = await ReserveAsync(local);
        var waiting = local.TryReserve(queue.Name);

        Assert.NotNull(waiting);
        Assert.Null(local.TryReserve(queue.Name));
        waiting.Cancel();
        Assert.NotNull(local.TryReserve(queue.Name));
        slot.Cancel();
        await stopping.CancelAsync();
        await run.WithDeadline();
    }

    [Fact]
    public async Task A_handed_over_message_waiting_for_a_slot_runs_before_the_queue_is_received_from_again()
    {
        var local = new LocalQueueWorkers();
        var queue = await TestQueues.CreateAsync(null, "received first");
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new ConcurrentQueue<string>();
        var bothAfterFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pump = new QueuePump(
            queue,
            async (message, _) =>
            {
                if (message.Body == "received first")
                {
                    firstStarted.TrySetResult();
                    await releaseFirst.Task;
                }

                handled.Enqueue(message.Body);
                if (handled.Count == 3)
                {
                    bothAfterFirst.TrySetResult();
                }
            },
            new QueuePumpOptions { MaxConcurrency = 1, VisibilityTimeout = Visibility },
            localWorkers: local);
        using var stopping = new CancellationTokenSource();
        var run = pump.RunAsync(stopping.Token);
        await firstStarted.Task.WithDeadline();
        var waiting = Assert.IsType<LocalDelivery>(local.TryReserve(queue.Name));
        await queue.SendAsync("handed over");
        var handedOver = Assert.Single(await queue.ReceiveAsync(1, Visibility));
        await queue.SendAsync("queued second");

        waiting.Deliver(handedOver);
        releaseFirst.SetResult();
        await bothAfterFirst.Task.WithDeadline();

        Assert.Equal(["received first", "handed over", "queued second"], handled);
        await stopping.CancelAsync();
        await run.WithDeadline();
    }

    [Fact]
    public async Task No_slot_is_offered_while_the_process_may_not_receive()
    {
        var mayReceive = true;
        var local = new LocalQueueWorkers { MayReceive = () => mayReceive };
        var queue = await TestQueues.CreateAsync(null);
        using var stopping = new CancellationTokenSource();
        var run = Pump(queue, local, _ => { }).RunAsync(stopping.Token);
        (await ReserveAsync(local)).Cancel();

        mayReceive = false;

        Assert.Null(local.TryReserve(queue.Name));
        await stopping.CancelAsync();
        await run.WithDeadline();
    }

    [Fact]
    public async Task A_message_handed_over_after_the_stop_began_goes_back_to_the_queue_unhandled()
    {
        var local = new LocalQueueWorkers();
        var queue = await TestQueues.CreateAsync(null);
        var handled = new ConcurrentQueue<string>();
        using var stopping = new CancellationTokenSource();
        var run = Pump(queue, local, message => handled.Enqueue(message.Body)).RunAsync(stopping.Token);
        var slot = await ReserveAsync(local);
        await queue.SendAsync("written as received");
        var received = Assert.Single(await queue.ReceiveAsync(1, Visibility));

        await stopping.CancelAsync();
        await run.WithDeadline();
        slot.Deliver(received);

        var back = await Eventually.UntilAsync(async () => await queue.ReceiveAsync(1, Visibility) is [var again]
            ? again
            : null);
        Assert.Equal("written as received", back.Body);
        Assert.Empty(handled);
    }

    [Fact]
    public async Task A_message_its_handler_completed_is_not_completed_again_by_the_pump()
    {
        var clock = new FakeTimeProvider();
        var queue = await TestQueues.CreateAsync(clock, "completed by its handler");
        var settled = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pump = new QueuePump(
            queue,
            (_, _) => Task.FromResult(true),
            new QueuePumpOptions { MaxConcurrency = 1 },
            clock,
            new QueuePumpEvents { OnCompleted = (_, elapsed) => settled.TrySetResult(elapsed) });
        using var stopping = new CancellationTokenSource();
        var run = pump.RunAsync(stopping.Token);

        await settled.Task.WithDeadline();
        await stopping.CancelAsync();
        await run.WithDeadline();

        // The handler said it completed the message, so the pump left it alone: still there, still hidden.
        Assert.Equal(1, await queue.CountAsync());
        Assert.Empty(await queue.ReceiveAsync(1, Visibility));
    }

    private static QueuePump Pump(
        IQueue queue,
        LocalQueueWorkers local,
        Action<QueueMessage> handle,
        int concurrency = 4) =>
        new(
            queue,
            (message, _) =>
            {
                handle(message);
                return Task.CompletedTask;
            },
            new QueuePumpOptions { MaxConcurrency = concurrency, VisibilityTimeout = Visibility },
            localWorkers: local);

    // The pump registers once it starts running: wait for that, with a deadline.
    private static Task<LocalDelivery> ReserveAsync(LocalQueueWorkers local) =>
        Eventually.UntilAsync(() => Task.FromResult(local.TryReserve("work")));
}
