using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Serverless.Hosting.Queues;
using Serverless.Storage;
using Serverless.Storage.InMemory;
using Serverless.Storage.Queues;
using Serverless.Workers.Queues;

namespace Serverless.Hosting.Tests;

public sealed class QueuePollerTests
{
    private const string QueueName = "payments";

    private static IHost BuildHost(
        IStorageProvider storage,
        Func<IServiceProvider, QueueTrigger, CancellationToken, Task> handler,
        int maxConcurrency = 4,
        TimeSpan? shutdownTimeout = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(storage);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(30));
        builder.Services.AddQueueFunction("ProcessPayment", QueueName, handler);
        builder.Services.AddLocalQueuePollers(o =>
        {
            o.MaxConcurrency = maxConcurrency;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(5);
        });
        return builder.Build();
    }

    [Fact]
    public async Task A_handler_that_succeeds_completes_its_message()
    {
        var storage = new InMemoryStorageProvider();
        var queue = storage.GetQueue(QueueName);
        var seen = new ConcurrentQueue<QueueTrigger>();
        using var host = BuildHost(storage, (_, trigger, _) =>
        {
            seen.Enqueue(trigger);
            return Task.CompletedTask;
        });
        await host.StartAsync();

        var id = await queue.SendAsync("charge order-1");

        await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "the message is completed");
        var trigger = Assert.Single(seen);
        Assert.Equal((id, "charge order-1", 1), (trigger.MessageId, trigger.Body, trigger.DequeueCount));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_handler_that_completes_its_own_message_is_not_completed_again()
    {
        var storage = new InMemoryStorageProvider();
        var queue = storage.GetQueue(QueueName);
        var logs = new ListLoggerProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IStorageProvider>(storage);
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
        builder.Services.AddQueueFunction("Ship", QueueName, async (_, trigger, cancellationToken) =>
        {
            // As a handler on a transactional store does in its last write; here the in-memory queue's own complete.
            Assert.True(await queue.CompleteAsync(trigger.Completion!.Message, cancellationToken));
            trigger.MarkCompleted();
        });
        builder.Services.AddLocalQueuePollers();
        using var host = builder.Build();
        await host.StartAsync();

        var id = await queue.SendAsync("ship order-1");

        // The pump reports every message once: executed, or (had it completed it again) a stale receipt.
        await Eventually.TrueAsync(
            () => logs.Messages.Any(m => m.Contains(id, StringComparison.Ordinal)
                && (m.StartsWith("Executed", StringComparison.Ordinal) || m.Contains(
                "stale",
                StringComparison.Ordinal))),
            "the pump reports how the message ended");
        Assert.Contains(logs.Messages, m => m.StartsWith("Executed 'Ship'", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("stale", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_failing_handler_abandons_the_message_and_it_is_retried_with_its_dequeue_count_incremented()
    {
        var storage = new InMemoryStorageProvider();
        var queue = storage.GetQueue(QueueName);
        var deliveries = new ConcurrentQueue<int>();
        using var host = BuildHost(storage, (_, trigger, _) =>
        {
            deliveries.Enqueue(trigger.DequeueCount);
            return trigger.DequeueCount == 1 ? throw new InvalidOperationException("gateway down") : Task.CompletedTask;
        });
        await host.StartAsync();

        await queue.SendAsync("charge order-2");

        await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "the retried message is completed");
        Assert.Equal([1, 2], deliveries);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_message_failing_past_the_max_dequeue_count_lands_in_the_poison_queue()
    {
        var storage = new InMemoryStorageProvider(queueOptions: new QueueOptions { MaxDequeueCount = 3 });
        var queue = storage.GetQueue(QueueName);
        var poison = storage.GetQueue(StorageNames.PoisonQueueFor(QueueName));
        var deliveries = new ConcurrentQueue<int>();
        using var host = BuildHost(storage, (_, trigger, _) =>
        {
            deliveries.Enqueue(trigger.DequeueCount);
            throw new InvalidOperationException("always fails");
        });
        await host.StartAsync();

        await queue.SendAsync("charge order-3");

        await Eventually.TrueAsync(
            async () => await poison.CountAsync() == 1,
            "the message is moved to the poison queue");
        Assert.Equal(0, await queue.CountAsync());
        Assert.Equal([1, 2, 3], deliveries);
        var poisoned = Assert.Single(await poison.ReceiveAsync(1, TimeSpan.FromMinutes(1)));
        Assert.Equal("charge order-3", poisoned.Body);
        await host.StopAsync();
    }

    [Fact]
    public async Task Handlers_run_in_parallel_up_to_the_concurrency_limit()
    {
        var storage = new InMemoryStorageProvider();
        var queue = storage.GetQueue(QueueName);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var maxRunning = 0;
        using var host = BuildHost(storage, maxConcurrency: 3, handler: async (_, _, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            await release.Task;
            Interlocked.Decrement(ref running);
        });
        for (var i = 0; i < 7; i++)
        {
            await queue.SendAsync($"message {i}");
        }

        await host.StartAsync();

        await Eventually.TrueAsync(() => Volatile.Read(ref running) == 3, "three handlers run at once");
        release.SetResult();
        await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "every message is completed");
        Assert.Equal(3, Volatile.Read(ref maxRunning));
        await host.StopAsync();
    }

    [Fact]
    public async Task An_idle_poller_waits_on_its_time_provider_and_a_send_in_this_process_wakes_it_at_once()
    {
        // The poller's clock never moves, so only the send signal can end its idle wait.
        var clock = new WatchedClock();
        var signals = new QueueSignals();
        var storage = new SignalingStorageProvider(new InMemoryStorageProvider(), signals);
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IStorageProvider>(storage);
        builder.Services.AddSingleton(signals);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddQueueFunction("ProcessPayment", QueueName, (_, trigger, _) =>
        {
            handled.TrySetResult(trigger.Body);
            return Task.CompletedTask;
        });
        builder.Services.AddLocalQueuePollers();
        using var host = builder.Build();
        await host.StartAsync();
        await clock.TimerCreated.Task.WithDeadline("the poller waits on its clock");

        await storage.GetQueue(QueueName).SendAsync("wake up");

        Assert.Equal("wake up", await handled.Task.WithDeadline("the signal wakes the poller"));
        await host.StopAsync();
    }

    [Fact]
    public async Task Each_invocation_gets_its_own_service_scope()
    {
        var storage = new InMemoryStorageProvider();
        var queue = storage.GetQueue(QueueName);
        var scopes = new ConcurrentBag<object>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IStorageProvider>(storage);
        builder.Services.AddScoped<ScopedThing>();
        builder.Services.AddQueueFunction("Record", QueueName, (services, _, _) =>
        {
            scopes.Add(services.GetRequiredService<ScopedThing>());
            return Task.CompletedTask;
        });
        builder.Services.AddLocalQueuePollers();
        using var host = builder.Build();
        await host.StartAsync();

        await queue.SendAsync("a");
        await queue.SendAsync("b");

        await Eventually.TrueAsync(() => scopes.Count == 2, "both messages are handled");
        Assert.Equal(2, scopes.Distinct().Count());
        await host.StopAsync();
    }

    [Fact]
    public async Task Shutdown_stops_receiving_and_lets_an_in_flight_handler_finish_and_complete()
    {
        var storage = new InMemoryStorageProvider();
        var queue = storage.GetQueue(QueueName);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new ConcurrentQueue<string>();
        var tokenCancelled = false;
        using var host = BuildHost(storage, maxConcurrency: 1, handler: async (services, trigger, token) =>
        {
            started.TrySetResult();
            await release.Task;
            tokenCancelled = token.IsCancellationRequested;
            handled.Enqueue(trigger.Body);
        });
        await host.StartAsync();
        await queue.SendAsync("in flight");
        await started.Task.WithDeadline("the handler starts");

        var stopping = host.StopAsync();
        await queue.SendAsync("sent during shutdown");
        release.SetResult();
        await stopping.WithDeadline("the host stops");

        Assert.Equal(["in flight"], handled);
        Assert.False(tokenCancelled);
        var left = await queue.ReceiveAsync(10, TimeSpan.FromMinutes(1));
        Assert.Equal(["sent during shutdown"], left.Select(m => m.Body));
    }

    [Fact]
    public async Task Shutdown_past_the_timeout_returns_unfinished_work_to_the_queue_at_once()
    {
        var storage = new InMemoryStorageProvider();
        var queue = storage.GetQueue(QueueName);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var host = BuildHost(
            storage,
            maxConcurrency: 1,
            shutdownTimeout: TimeSpan.FromMilliseconds(200),
            handler: async (_, _, token) =>
        {
            started.TrySetResult();
            using var registration = token.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, token);
        });
        await queue.SendAsync("first");
        await queue.SendAsync("second");
        await queue.SendAsync("third");
        await host.StartAsync();
        await started.Task.WithDeadline("the first handler starts");

        await host.StopAsync().WithDeadline("the host stops");

        await cancelled.Task.WithDeadline("the unfinished handler is told to stop");
        var returned = await queue.ReceiveAsync(10, TimeSpan.FromMinutes(1));
        Assert.Equal(["first", "second", "third"], returned.Select(m => m.Body).Order());
        Assert.Equal(2, returned.Single(m => m.Body == "first").DequeueCount);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var previous = Interlocked.CompareExchange(ref target, value, current);
            if (previous == current)
            {
                return;
            }

            current = previous;
        }
    }

    private sealed class ScopedThing;

    private sealed class WatchedClock : FakeTimeProvider
    {
        public TaskCompletionSource TimerCreated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            TimerCreated.TrySetResult();
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
