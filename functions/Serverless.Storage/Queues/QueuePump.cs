namespace Serverless.Storage.Queues;

/// <summary>
/// Receives messages from one queue and hands each to a handler, up to a concurrency limit: completes the message when
/// the handler succeeds, abandons it with exponential back-off when it throws, and polls less often while the queue is
/// empty. On stop it receives nothing more, lets in-flight handlers finish for a while, then cancels them and returns
/// their messages to the queue, so no message is lost to a shutdown.
/// </summary>
public sealed class QueuePump
{
    private readonly IQueue _queue;
    private readonly Func<QueueMessage, CancellationToken, Task> _handler;
    private readonly QueuePumpOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<QueueMessage, Exception>? _onError;
    private readonly QueueSignals? _signals;

    /// <summary>Creates a pump; <see cref="RunAsync"/> starts it.</summary>
    /// <param name="queue">The queue to drain.</param>
    /// <param name="handler">Processes one message; throwing means it failed.</param>
    /// <param name="options">Concurrency and timing.</param>
    /// <param name="timeProvider">The clock for waits.</param>
    /// <param name="onError">Called when a handler fails (for logging).</param>
    /// <param name="signals">In-process send notifications that end an idle wait early.</param>
    public QueuePump(
        IQueue queue,
        Func<QueueMessage, CancellationToken, Task> handler,
        QueuePumpOptions? options = null,
        TimeProvider? timeProvider = null,
        Action<QueueMessage, Exception>? onError = null,
        QueueSignals? signals = null)
    {
        _signals = signals;
        _queue = queue;
        _handler = handler;
        _options = options ?? new QueuePumpOptions();
        _time = timeProvider ?? TimeProvider.System;
        _onError = onError;
    }

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled and in-flight messages are settled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var handlersCancellation = new CancellationTokenSource();
        using var slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        var inFlight = new HashSet<Task>();
        var idleDelay = _options.MinPollingInterval;
        await _queue.CreateIfNotExistsAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var free = slots.CurrentCount + 1;
                var sent = _signals?.Arm(_queue.Name);
                IReadOnlyList<QueueMessage> messages;
                try
                {
                    messages = await _queue.ReceiveAsync(free, _options.VisibilityTimeout, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception) when (!stoppingToken.IsCancellationRequested)
                {
                    messages = [];
                }

                if (messages.Count == 0)
                {
                    slots.Release();
                    var idle = Task.Delay(idleDelay, _time, stoppingToken);
                    await (sent is null ? idle : Task.WhenAny(sent, idle)).ConfigureAwait(false);
                    stoppingToken.ThrowIfCancellationRequested();
                    idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, _options.MaxPollingInterval.Ticks));
                    continue;
                }

                idleDelay = _options.MinPollingInterval;
                for (var i = 1; i < messages.Count; i++)
                {
                    await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                }

                foreach (var message in messages)
                {
                    var task = ProcessAsync(message, slots, handlersCancellation.Token);
                    lock (inFlight)
                    {
                        inFlight.Add(task);
                    }

                    _ = task.ContinueWith(t => { lock (inFlight) { inFlight.Remove(t); } }, TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        Task[] pending;
        lock (inFlight)
        {
            pending = [.. inFlight];
        }

        var drained = Task.WhenAll(pending);
        if (await Task.WhenAny(drained, Task.Delay(_options.DrainTimeout, _time, CancellationToken.None)).ConfigureAwait(false) != drained)
        {
            await handlersCancellation.CancelAsync().ConfigureAwait(false);
            await drained.ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(QueueMessage message, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            await _handler(message, cancellationToken).ConfigureAwait(false);
            await _queue.CompleteAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            var returnNow = cancellationToken.IsCancellationRequested;
            if (!returnNow)
            {
                _onError?.Invoke(message, exception);
            }

            var delay = returnNow ? TimeSpan.Zero : RetryDelayFor(message.DequeueCount);
            try
            {
                await _queue.AbandonAsync(message, delay, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The visibility timeout returns the message to the queue anyway.
            }
        }
        finally
        {
            slots.Release();
        }
    }

    private TimeSpan RetryDelayFor(int dequeueCount)
    {
        var delay = _options.RetryDelay.Ticks * Math.Pow(2, Math.Max(0, dequeueCount - 1));
        return TimeSpan.FromTicks((long)Math.Min(delay, _options.MaxRetryDelay.Ticks));
    }
}
