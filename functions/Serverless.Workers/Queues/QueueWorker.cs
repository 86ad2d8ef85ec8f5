using Microsoft.Extensions.Logging;
using Serverless.Storage.Queues;

namespace Serverless.Workers.Queues;

/// <summary>
/// Runs one handler on one queue through a <see cref="QueuePump"/> and logs everything the pump reports under the
/// worker's name: the one adapter between a pump and its callers (queue functions, the engine's queues). The pump takes
/// the messages senders in this process hand over (<see cref="LocalQueueWorkers"/>) as well as those it receives.
/// </summary>
public sealed class QueueWorker
{
    private readonly string _name;
    private readonly string _queueName;
    private readonly int _maxConcurrency;
    private readonly Func<QueueCompletion, CancellationToken, Task<bool>> _handler;
    private readonly ILogger _logger;
    private readonly QueuePump _pump;

    /// <summary>Creates the worker; <see cref="RunAsync"/> starts it.</summary>
    /// <param name="name">What the logs call it (a function's name, or the queue's).</param>
    /// <param name="queue">The queue to drain.</param>
    /// <param name="handler">
    /// Processes one delivery and returns whether it completed the message in its own write (see
    /// <see cref="QueuePump.CompletedByHandler"/>); throwing abandons it for a retry with back-off.
    /// </param>
    /// <param name="options">Concurrency and timing.</param>
    /// <param name="logger">Where the pump's reports go.</param>
    /// <param name="timeProvider">The clock for waits.</param>
    /// <param name="signals">In-process send notifications that end an idle wait early.</param>
    /// <param name="localWorkers">Where to offer free slots to senders in this process.</param>
    public QueueWorker(
        string name,
        IQueue queue,
        Func<QueueCompletion, CancellationToken, Task<bool>> handler,
        QueuePumpOptions options,
        ILogger logger,
        TimeProvider? timeProvider = null,
        QueueSignals? signals = null,
        LocalQueueWorkers? localWorkers = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _queueName = queue.Name;
        _maxConcurrency = Math.Max(1, options.MaxConcurrency);
        _handler = handler;
        _logger = logger;
        var events = new QueuePumpEvents
        {
            OnCompleted = (message, elapsed) => logger.Executed(name, message.MessageId, elapsed.TotalMilliseconds),
            OnReceiptStale = (message, elapsed) =>
                logger.ReceiptStale(name, message.MessageId, elapsed.TotalMilliseconds, options.VisibilityTimeout),
            OnHandlerFailed = (message, exception) => logger.HandlerFailed(
                exception, name, message.MessageId, message.DequeueCount, options.GetRetryDelay(message.DequeueCount)),
            OnSettleFailed = (message, exception) => logger.SettleFailed(exception, name, message.MessageId),
            OnReceiveFailed = exception => logger.ReceiveFailed(exception, name, queue.Name),
            OnDraining = count => logger.Draining(name, count),
            OnUnfinishedReturned = count => logger.ReturningUnfinished(name, queue.Name, count),
        };
        _pump = new QueuePump(queue, ExecuteAsync, options, timeProvider, events, signals, localWorkers);
    }

    /// <summary>The worker's name in the logs.</summary>
    public string Name => _name;

    /// <summary>
    /// Polls until <paramref name="stopping"/>, then lets in-flight handlers finish until <paramref name="drain"/>
    /// fires or <see cref="QueuePumpOptions.DrainTimeout"/> passes, when the unfinished messages go back to the queue
    /// at once and their handlers are cancelled.
    /// </summary>
    public Task RunAsync(CancellationToken stopping, CancellationToken drain = default)
    {
        _logger.WorkerStarted(_name, _queueName, _maxConcurrency);
        return _pump.RunAsync(stopping, drain);
    }

    private Task<bool> ExecuteAsync(QueueCompletion delivery, CancellationToken cancellationToken)
    {
        _logger.Executing(_name, delivery.Message.MessageId, delivery.Message.DequeueCount);
        return _handler(delivery, cancellationToken);
    }
}
