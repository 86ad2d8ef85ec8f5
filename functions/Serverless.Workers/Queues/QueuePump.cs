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
/// received by it, in the same slots.
/// </summary>
public sealed partial class QueuePump
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
    /// <param name="localWorkers">Where to offer free slots to senders in this process (see
    /// <see cref="LocalQueueWorkers"/>).</param>
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
    /// counts as completed is the pump's rule (<see cref="CompletedByHandler"/>), not the handler's.
    /// </param>
    /// <param name="options">Concurrency and timing.</param>
    /// <param name="timeProvider">The clock for waits.</param>
    /// <param name="events">Where the pump reports what it does.</param>
    /// <param name="signals">In-process send notifications that end an idle wait early.</param>
    /// <param name="localWorkers">Where to offer free slots to senders in this process (see
    /// <see cref="LocalQueueWorkers"/>).</param>
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
    /// write: a stale receipt counts as not completed, so the pump completes the message itself, finds the receipt
    /// stale and reports it (<see cref="QueuePumpEvents.OnReceiptStale"/>). The one place this rule is written.
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
    /// once. Only looked at after <paramref name="stoppingToken"/> is cancelled.
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
        _ = stillRunning.ContinueWith(
            static (_, state) => ((Run)state!).Dispose(),
            run,
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }

    /// <summary>A free handler slot for a message written as received by this process, or <see langword="null"/> when
    /// none is free.</summary>
    internal LocalDelivery? TryReserve() => _run?.TryReserve();

    /// <summary>The state of one <see cref="RunAsync"/>: its handler slots and its in-flight messages.</summary>
    private sealed partial class Run(QueuePump pump) : IDisposable
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

        private void Start(QueueMessage message)
        {
            var work = new InFlight(message);
            _inFlight.TryAdd(work, 0);
            work.Execution = Task.Run(() => ProcessAsync(work), CancellationToken.None);
        }

        public void Dispose()
        {
            _slots.Dispose();
            _cutOff.Dispose();
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
