using System.Collections.Concurrent;
using Serverless.Storage;
using Serverless.Storage.Queues;

namespace Serverless.Workers.Queues;

/// <summary>
/// Receives messages from one queue and hands each to a handler, up to a concurrency limit: completes the message when
/// the handler succeeds, abandons it with exponential back-off when it throws, and polls less often while the queue is
/// empty. On stop it receives nothing more and lets in-flight handlers finish until the drain deadline; then it returns
/// their messages to the queue at once and cancels the handlers, so no message waits on a shutdown or is lost to one.
/// Registered with <see cref="LocalQueueWorkers"/>, it also runs messages that senders in this process wrote as
/// received
/// by it, in the same slots.
/// </summary>
public sealed class QueuePump
{
    private readonly IQueue _queue;
    private readonly Func<QueueCompletion, CancellationToken, Task<bool>> _handler;
    private readonly QueuePumpOptions _options;
    private readonly TimeProvider _time;
    private readonly QueuePumpEvents _events;
    private readonly QueueSignals? _signals;
    private readonly LocalQueueWorkers? _localWorkers;
    private volatile Run? _run;

    /// <summary>Creates a pump whose handler never completes its message itself; <see cref="RunAsync"/> starts
    /// it.</summary>
    /// <param name="queue">The queue to drain.</param>
    /// <param name="handler">Processes one message; throwing means it failed. Its token is cancelled only past the
    /// drain deadline.</param>
    /// <param name="options">Concurrency and timing.</param>
    /// <param name="timeProvider">The clock for waits.</param>
    /// <param name="events">Where the pump reports what it does.</param>
    /// <param name="signals">In-process send notifications that end an idle wait early.</param>
    /// <param name="localWorkers">Where to offer free slots to senders in this process (see <see
    /// cref="LocalQueueWorkers"/>).</param>
    public QueuePump(
        IQueue queue,
        Func<QueueMessage, CancellationToken, Task> handler,
        QueuePumpOptions? options = null,
        TimeProvider? timeProvider = null,
        QueuePumpEvents? events = null,
        QueueSignals? signals = null,
        LocalQueueWorkers? localWorkers = null)
        : this(queue, async (delivery, cancellationToken) =>
        {
            await handler(delivery.Message, cancellationToken).ConfigureAwait(false);
            return false;
        }, options, timeProvider, events, signals, localWorkers)
    {
    }

    /// <summary>Creates a pump whose handler may complete the message itself, in its own last write.</summary>
    /// <param name="queue">The queue to drain.</param>
    /// <param name="handler">
    /// Processes one delivery; returns <see langword="true"/> when it completed the message itself (with
    /// <see cref="ITransactionalStorage.ExecuteBatchAndSendAsync"/>), so the pump does not complete it again. What
    /// counts
    /// as completed is the pump's rule (<see cref="CompletedByHandler"/>), not the handler's.
    /// </param>
    /// <param name="options">Concurrency and timing.</param>
    /// <param name="timeProvider">The clock for waits.</param>
    /// <param name="events">Where the pump reports what it does.</param>
    /// <param name="signals">In-process send notifications that end an idle wait early.</param>
    /// <param name="localWorkers">Where to offer free slots to senders in this process (see <see
    /// cref="LocalQueueWorkers"/>).</param>
    public QueuePump(
        IQueue queue,
        Func<QueueCompletion, CancellationToken, Task<bool>> handler,
        QueuePumpOptions? options = null,
        TimeProvider? timeProvider = null,
        QueuePumpEvents? events = null,
        QueueSignals? signals = null,
        LocalQueueWorkers? localWorkers = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(handler);
        _queue = queue;
        _handler = handler;
        _options = options ?? new QueuePumpOptions();
        _time = timeProvider ?? TimeProvider.System;
        _events = events ?? new QueuePumpEvents();
        _signals = signals;
        _localWorkers = localWorkers;
    }

    /// <summary>
    /// Whether a handler that reports <paramref name="reported"/> completed <paramref name="delivery"/> in its own
    /// write:
    /// a stale receipt counts as not completed, so the pump completes the message itself, finds the receipt stale and
    /// reports it (<see cref="QueuePumpEvents.OnReceiptStale"/>). The one place this rule is written.
    /// </summary>
    public static bool CompletedByHandler(bool reported, QueueCompletion delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return reported && !delivery.IsStale;
    }

    /// <summary>The name of the queue this pump drains.</summary>
    public string QueueName => _queue.Name;

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled and in-flight messages are settled.</summary>
    /// <param name="stoppingToken">Stops receiving and starts the drain.</param>
    /// <param name="drainToken">
    /// Ends the drain before <see cref="QueuePumpOptions.DrainTimeout"/>: unfinished messages go back to the queue at
    /// once.
    /// Only looked at after <paramref name="stoppingToken"/> is cancelled.
    /// </param>
    public async Task RunAsync(CancellationToken stoppingToken, CancellationToken drainToken = default)
    {
        var run = new Run(this);
        try
        {
            await _queue.CreateIfNotExistsAsync(stoppingToken).ConfigureAwait(false);
            _run = run;
            _localWorkers?.Register(this);
            await run.ReceiveLoopAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        _localWorkers?.Unregister(this);
        await run.StopTakingLocalDeliveriesAsync().ConfigureAwait(false);
        var stillRunning = await run.DrainAsync(drainToken).ConfigureAwait(false);

        // Handlers cut off at the drain deadline may still be running: the run's slots and token outlive them.
        _ = stillRunning.ContinueWith(static (_, state) => ((Run)state!).Dispose(), run, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>A free handler slot for a message written as received by this process, or <see langword="null"/> when
    /// none is free.</summary>
    internal LocalDelivery? TryReserve() => _run?.TryReserve();

    /// <summary>The state of one <see cref="RunAsync"/>: its handler slots and its in-flight messages.</summary>
    private sealed class Run(QueuePump pump) : IDisposable
    {
        private readonly QueuePumpOptions _options = pump._options;
        private readonly IQueue _queue = pump._queue;
        private readonly SemaphoreSlim _slots = new(Math.Max(1, pump._options.MaxConcurrency));
        private readonly CancellationTokenSource _cutOff = new();
        private readonly ConcurrentDictionary<InFlight, byte> _inFlight = new();
        private readonly Lock _localGate = new();
        private readonly Queue<QueueMessage> _handedOver = new();
        private readonly int _handedOverLimit = Math.Max(1, pump._options.MaxConcurrency);
        private int _handedOverReservations;
        private bool _stopped;

        /// <summary>
        /// A free slot, or else a place among the messages handed over that wait for one (as many as there are slots).
        /// A
        /// handler that finishes takes the next waiting handed-over message before the pump receives again: work
        /// already
        /// under way in this process goes before new work from the queue.
        /// </summary>
        public LocalDelivery? TryReserve()
        {
            lock (_localGate)
            {
                if (_stopped)
                {
                    return null;
                }

                if (_slots.Wait(0, CancellationToken.None))
                {
                    return new LocalDelivery(_options.VisibilityTimeout, DeliverInSlot, () => ReleaseSlots(1));
                }

                if (_handedOverReservations >= _handedOverLimit)
                {
                    return null;
                }

                _handedOverReservations++;
                return new LocalDelivery(_options.VisibilityTimeout, DeliverToWait, () =>
                {
                    lock (_localGate)
                    {
                        _handedOverReservations--;
                    }
                });
            }
        }

        /// <summary>From now on no slot is reserved; handed-over messages still waiting, or delivered later, go back to
        /// the queue.</summary>
        public async Task StopTakingLocalDeliveriesAsync()
        {
            QueueMessage[] waiting;
            lock (_localGate)
            {
                _stopped = true;
                waiting = [.. _handedOver];
                _handedOver.Clear();
                _handedOverReservations -= waiting.Length;
            }

            await Task.WhenAll(waiting.Select(m => AbandonAsync(m, TimeSpan.Zero))).ConfigureAwait(false);
        }

        public async Task ReceiveLoopAsync(CancellationToken stopping)
        {
            var batchSize = Math.Max(1, _options.BatchSize);
            var emptyPolls = 0;
            while (true)
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
                if (TryStartHandedOver())
                {
                    continue;
                }

                // Ask for as many messages as there are free slots, so nothing received waits for a slot.
                var taken = 1;
                while (taken < batchSize && _slots.Wait(0, CancellationToken.None))
                {
                    taken++;
                }

                // Armed before receiving, so a send between an empty receive and the idle wait still ends the wait.
                var sent = pump._signals?.Arm(_queue.Name);
                IReadOnlyList<QueueMessage> messages;
                try
                {
                    messages = await _queue.ReceiveAsync(taken, _options.VisibilityTimeout, stopping).ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    ReleaseSlots(taken);
                    if (stopping.IsCancellationRequested)
                    {
                        return;
                    }

                    pump._events.OnReceiveFailed?.Invoke(exception);
                    await Task.Delay(_options.GetPollingDelay(int.MaxValue), pump._time, stopping).ConfigureAwait(false);
                    continue;
                }

                if (taken > messages.Count)
                {
                    ReleaseSlots(taken - messages.Count);
                }

                if (messages.Count == 0)
                {
                    emptyPolls = Math.Min(emptyPolls + 1, 64);
                    await IdleAsync(_options.GetPollingDelay(emptyPolls), sent, stopping).ConfigureAwait(false);
                    continue;
                }

                emptyPolls = 0;
                if (stopping.IsCancellationRequested)
                {
                    // Received as the stop began: hand them straight back rather than start work that may be cut short.
                    await Task.WhenAll(messages.Select(m => AbandonAsync(m, TimeSpan.Zero))).ConfigureAwait(false);
                    ReleaseSlots(messages.Count);
                    return;
                }

                foreach (var message in messages)
                {
                    Start(message);
                }
            }
        }

        private void Start(QueueMessage message)
        {
            var work = new InFlight(message);
            _inFlight.TryAdd(work, 0);
            work.Execution = Task.Run(() => ProcessAsync(work), CancellationToken.None);
        }

        private void DeliverInSlot(QueueMessage message)
        {
            lock (_localGate)
            {
                // Checked and started under the gate, so the drain either waits for this message or never sees it.
                if (!_stopped)
                {
                    Start(message);
                    return;
                }
            }

            _ = ReturnAsync(message);
        }

        private void DeliverToWait(QueueMessage message)
        {
            lock (_localGate)
            {
                if (_stopped)
                {
                    _handedOverReservations--;
                    _ = AbandonAsync(message, TimeSpan.Zero);
                    return;
                }

                _handedOver.Enqueue(message);
            }

            // A slot may have come free between the reservation and now.
            StartWaitingHandedOver();
        }

        /// <summary>Returns <paramref name="count"/> slots unused, and gives any that a waiting handed-over message can
        /// use to it.</summary>
        private void ReleaseSlots(int count)
        {
            _slots.Release(count);
            StartWaitingHandedOver();
        }

        private void StartWaitingHandedOver()
        {
            while (_slots.Wait(0, CancellationToken.None))
            {
                if (!TryStartHandedOver())
                {
                    _slots.Release();
                    return;
                }
            }
        }

        /// <summary>Starts the next waiting handed-over message in a slot the caller holds; false when none
        /// waits.</summary>
        private bool TryStartHandedOver()
        {
            lock (_localGate)
            {
                if (_stopped || !_handedOver.TryDequeue(out var next))
                {
                    return false;
                }

                _handedOverReservations--;
                Start(next);
                return true;
            }
        }

        private async Task ReturnAsync(QueueMessage message)
        {
            await AbandonAsync(message, TimeSpan.Zero).ConfigureAwait(false);
            _slots.Release();
        }

        /// <summary>
        /// Waits for the in-flight handlers until the drain deadline, then returns what is unfinished at once and
        /// cancels
        /// those handlers. Returns the handlers still running (cut off, their messages already back in the queue).
        /// </summary>
        public async Task<Task> DrainAsync(CancellationToken drainToken)
        {
            var executions = _inFlight.Keys.Select(p => p.Execution).ToArray();
            var pending = Task.WhenAll(executions);
            if (pending.IsCompleted)
            {
                return pending;
            }

            pump._events.OnDraining?.Invoke(executions.Length);
            try
            {
                await pending.WaitAsync(_options.DrainTimeout, pump._time, drainToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is TimeoutException || drainToken.IsCancellationRequested)
            {
                var unfinished = _inFlight.Keys.Where(p => p.TrySettle()).ToArray();
                pump._events.OnUnfinishedReturned?.Invoke(unfinished.Length);
                await Task.WhenAll(unfinished.Select(p => AbandonAsync(p.Message, TimeSpan.Zero))).ConfigureAwait(false);
                await _cutOff.CancelAsync().ConfigureAwait(false);
            }

            return pending;
        }

        public void Dispose()
        {
            _slots.Dispose();
            _cutOff.Dispose();
        }

        private async Task ProcessAsync(InFlight work)
        {
            var message = work.Message;
            var started = pump._time.GetTimestamp();
            try
            {
                var delivery = new QueueCompletion(_queue.Name, message);
                var reported = await pump._handler(delivery, _cutOff.Token).ConfigureAwait(false);
                var completedByHandler = CompletedByHandler(reported, delivery);
                if (work.TrySettle())
                {
                    if (completedByHandler)
                    {
                        pump._events.OnCompleted?.Invoke(message, pump._time.GetElapsedTime(started));
                    }
                    else
                    {
                        await CompleteAsync(message, pump._time.GetElapsedTime(started)).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception exception)
            {
                // Not settled when the drain deadline already returned the message: the failure is that cut-off.
                if (work.TrySettle())
                {
                    pump._events.OnHandlerFailed?.Invoke(message, exception);
                    await AbandonAsync(message, _options.GetRetryDelay(message.DequeueCount)).ConfigureAwait(false);
                }
            }
            finally
            {
                _inFlight.TryRemove(work, out _);

                // The slot passes to a waiting handed-over message, if any, before the receive loop can have it.
                if (!TryStartHandedOver())
                {
                    ReleaseSlots(1);
                }
            }
        }

        private async Task CompleteAsync(QueueMessage message, TimeSpan elapsed)
        {
            bool completed;
            try
            {
                // Not cancellable: once the handler succeeded, losing the completion would only cause a duplicate run.
                completed = await _queue.CompleteAsync(message, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                pump._events.OnSettleFailed?.Invoke(message, exception);
                return;
            }

            (completed ? pump._events.OnCompleted : pump._events.OnReceiptStale)?.Invoke(message, elapsed);
        }

        private async Task AbandonAsync(QueueMessage message, TimeSpan delay)
        {
            try
            {
                await _queue.AbandonAsync(message, delay, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // The message reappears once its visibility timeout ends: late, but not lost.
                pump._events.OnSettleFailed?.Invoke(message, exception);
            }
        }

        /// <summary>Waits <paramref name="delay"/>, or less when this process sends to the queue (<paramref
        /// name="sent"/>).</summary>
        private async Task IdleAsync(TimeSpan delay, Task? sent, CancellationToken stopping)
        {
            if (sent is null)
            {
                await Task.Delay(delay, pump._time, stopping).ConfigureAwait(false);
                return;
            }

            // Linked so that a signal ends the timer too, instead of leaving it to fire for nothing.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            await Task.WhenAny(Task.Delay(delay, pump._time, wait.Token), sent).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
            stopping.ThrowIfCancellationRequested();
        }
    }

    /// <summary>A received message whose handler runs; settled (completed or abandoned) exactly once, by the handler or
    /// by the drain deadline.</summary>
    private sealed class InFlight(QueueMessage message)
    {
        private int _settled;

        public QueueMessage Message { get; } = message;

        public Task Execution { get; set; } = Task.CompletedTask;

        public bool TrySettle() => Interlocked.Exchange(ref _settled, 1) == 0;
    }
}
