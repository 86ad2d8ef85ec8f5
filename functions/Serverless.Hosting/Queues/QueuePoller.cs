using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Storage.Queues;

namespace Serverless.Hosting.Queues;

/// <summary>
/// Runs one queue function locally: receives batches while handler slots are free, runs handlers in parallel, completes
/// on success and abandons with back-off on failure. On shutdown it stops receiving, lets in-flight handlers finish
/// until the host's shutdown token fires, and then returns whatever is unfinished to the queue at once.
/// </summary>
internal sealed class QueuePoller : IDisposable
{
    private readonly QueueFunction _function;
    private readonly IQueue _queue;
    private readonly IServiceProvider _services;
    private readonly QueuePollerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly QueueSignals? _signals;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<InFlightMessage, byte> _inFlight = new();
    private readonly CancellationTokenSource _abort = new();
    private Task _loop = Task.CompletedTask;

    public QueuePoller(QueueFunction function, IQueue queue, IServiceProvider services, QueuePollerOptions options, TimeProvider time, ILogger logger)
    {
        _signals = services.GetService<QueueSignals>();
        _function = function;
        _queue = queue;
        _services = services;
        _options = options;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrency));
    }

    public void Start(CancellationToken stopping)
    {
        _loop = Task.Run(() => ReceiveLoopAsync(stopping), CancellationToken.None);
        _logger.PollerStarted(_function.Name, _queue.Name, Math.Max(1, _options.MaxConcurrency));
    }

    /// <summary>
    /// Waits for the receive loop (already told to stop) and the in-flight handlers; when <paramref name="shutdownTimeout"/>
    /// fires first, abandons the unfinished messages with no delay and cancels their handlers.
    /// </summary>
    public async Task DrainAsync(CancellationToken shutdownTimeout)
    {
        await _loop.ConfigureAwait(false);
        var pending = _inFlight.Keys.ToArray();
        if (pending.Length == 0)
        {
            return;
        }

        _logger.Draining(_function.Name, pending.Length);
        try
        {
            await Task.WhenAll(pending.Select(p => p.Execution)).WaitAsync(shutdownTimeout).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdownTimeout.IsCancellationRequested)
        {
            var unfinished = _inFlight.Keys.Where(p => p.TrySettle()).ToArray();
            _logger.ReturningUnfinished(_function.Name, _queue.Name, unfinished.Length);
            await Task.WhenAll(unfinished.Select(p => AbandonAsync(p.Message, TimeSpan.Zero))).ConfigureAwait(false);
            await _abort.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        // The semaphore is left to the GC: handlers cut off at shutdown may still release their slot afterwards.
        _abort.Dispose();
    }

    private async Task ReceiveLoopAsync(CancellationToken stopping)
    {
        var idle = new IdleBackoff(_options.MinPollingInterval, _options.MaxPollingInterval);
        var batchSize = Math.Max(1, _options.BatchSize);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // Ask for as many messages as there are free slots, so nothing received waits for a slot.
            var taken = 1;
            while (taken < batchSize && _slots.Wait(0, CancellationToken.None))
            {
                taken++;
            }

            // Armed before receiving, so a send between an empty receive and the idle wait still ends the wait.
            var sent = _signals?.Arm(_queue.Name);
            IReadOnlyList<QueueMessage> messages;
            try
            {
                messages = await _queue.ReceiveAsync(taken, _options.VisibilityTimeout, stopping).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _slots.Release(taken);
                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                _logger.ReceiveFailed(ex, _function.Name, _queue.Name);
                await DelayAsync(_options.MaxPollingInterval, stopping).ConfigureAwait(false);
                continue;
            }

            if (taken > messages.Count)
            {
                _slots.Release(taken - messages.Count);
            }

            if (messages.Count == 0)
            {
                await DelayAsync(idle.Next(), stopping, sent).ConfigureAwait(false);
                continue;
            }

            idle.Reset();
            if (stopping.IsCancellationRequested)
            {
                // Received as shutdown began: hand them straight back rather than start work that may be cut short.
                await Task.WhenAll(messages.Select(m => AbandonAsync(m, TimeSpan.Zero))).ConfigureAwait(false);
                _slots.Release(messages.Count);
                return;
            }

            foreach (var message in messages)
            {
                var work = new InFlightMessage(message);
                _inFlight.TryAdd(work, 0);
                work.Execution = Task.Run(() => ExecuteAsync(work), CancellationToken.None);
            }
        }
    }

    private async Task ExecuteAsync(InFlightMessage work)
    {
        var message = work.Message;
        var started = _time.GetTimestamp();
        try
        {
            _logger.Executing(_function.Name, message.MessageId, message.DequeueCount);
            var scope = _services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var trigger = new QueueTrigger(message.MessageId, message.Body, message.DequeueCount, message.InsertedAt);
                await _function.Handler(scope.ServiceProvider, trigger, _abort.Token).ConfigureAwait(false);
            }

            if (work.TrySettle())
            {
                await CompleteAsync(message, _time.GetElapsedTime(started)).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            if (work.TrySettle())
            {
                var delay = _options.GetRetryDelay(message.DequeueCount);
                _logger.HandlerFailed(ex, _function.Name, message.MessageId, message.DequeueCount, delay);
                await AbandonAsync(message, delay).ConfigureAwait(false);
            }
        }
        finally
        {
            _inFlight.TryRemove(work, out _);
            _slots.Release();
        }
    }

    private async Task CompleteAsync(QueueMessage message, TimeSpan elapsed)
    {
        try
        {
            // Not cancellable: once the handler succeeded, losing the completion would only cause a duplicate run.
            if (await _queue.CompleteAsync(message, CancellationToken.None).ConfigureAwait(false))
            {
                _logger.Executed(_function.Name, message.MessageId, elapsed.TotalMilliseconds);
            }
            else
            {
                _logger.ReceiptStale(_function.Name, message.MessageId, elapsed.TotalMilliseconds, _options.VisibilityTimeout);
            }
        }
        catch (Exception ex)
        {
            _logger.SettleFailed(ex, _function.Name, message.MessageId);
        }
    }

    private async Task AbandonAsync(QueueMessage message, TimeSpan delay)
    {
        try
        {
            await _queue.AbandonAsync(message, delay, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The message reappears once its visibility timeout ends: late, but not lost.
            _logger.SettleFailed(ex, _function.Name, message.MessageId);
        }
    }

    /// <summary>Waits <paramref name="delay"/>, or less when stopping or when this process sends to the queue (<paramref name="sent"/>).</summary>
    private async Task DelayAsync(TimeSpan delay, CancellationToken stopping, Task? sent = null)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var elapsed = Task.Delay(delay, _time, wait.Token);
        try
        {
            await (sent is null ? elapsed : Task.WhenAny(elapsed, sent)).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends the loop.
        }
    }
}
