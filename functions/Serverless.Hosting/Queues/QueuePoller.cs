using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Storage.Queues;
using Serverless.Workers.Queues;

namespace Serverless.Hosting.Queues;

/// <summary>
/// Runs one queue function locally on a <see cref="QueuePump"/>: each message gets its own service scope and a
/// <see cref="QueueTrigger"/>, and everything the pump reports is logged under the function's name. The pump takes
/// messages that senders in this process hand over (<see cref="LocalQueueWorkers"/>) as well as those it receives.
/// </summary>
internal sealed class QueuePoller
{
    private readonly QueueFunction _function;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly QueuePump _pump;
    private readonly string _queueName;
    private readonly int _maxConcurrency;

    public QueuePoller(QueueFunction function, IQueue queue, IServiceProvider services, QueuePollerOptions options, TimeProvider time, ILogger logger)
    {
        _function = function;
        _services = services;
        _logger = logger;
        var name = function.Name;
        var pumpOptions = options.ToPumpOptions() with
        {
            OnCompleted = (message, elapsed) => logger.Executed(name, message.MessageId, elapsed.TotalMilliseconds),
            OnReceiptStale = (message, elapsed) => logger.ReceiptStale(name, message.MessageId, elapsed.TotalMilliseconds, options.VisibilityTimeout),
            OnSettleFailed = (message, exception) => logger.SettleFailed(exception, name, message.MessageId),
            OnReceiveFailed = exception => logger.ReceiveFailed(exception, name, queue.Name),
            OnDraining = count => logger.Draining(name, count),
            OnUnfinishedReturned = count => logger.ReturningUnfinished(name, queue.Name, count),
        };
        _pump = new QueuePump(
            queue,
            ExecuteAsync,
            pumpOptions,
            time,
            (message, exception) => logger.HandlerFailed(exception, name, message.MessageId, message.DequeueCount, pumpOptions.GetRetryDelay(message.DequeueCount)),
            services.GetService<QueueSignals>(),
            services.GetService<LocalQueueWorkers>());
        _queueName = queue.Name;
        _maxConcurrency = Math.Max(1, options.MaxConcurrency);
    }

    /// <summary>
    /// Polls until <paramref name="stopping"/>, then lets in-flight handlers finish until <paramref name="shutdownTimeout"/>
    /// fires, when the unfinished messages go back to the queue at once and their handlers are cancelled.
    /// </summary>
    public Task RunAsync(CancellationToken stopping, CancellationToken shutdownTimeout)
    {
        _logger.PollerStarted(_function.Name, _queueName, _maxConcurrency);
        return _pump.RunAsync(stopping, shutdownTimeout);
    }

    private async Task<bool> ExecuteAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        _logger.Executing(_function.Name, message.MessageId, message.DequeueCount);
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var completion = new QueueCompletion(_queueName, message);
            var trigger = new QueueTrigger(message.MessageId, message.Body, message.DequeueCount, message.InsertedAt) { Completion = completion };
            await _function.Handler(scope.ServiceProvider, trigger, cancellationToken).ConfigureAwait(false);

            // A stale receipt counts as not completed: the pump completes the message itself, finds it stale and reports it.
            return trigger.IsCompleted && !completion.IsStale;
        }
    }
}
