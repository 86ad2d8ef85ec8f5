using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Storage.Queues;
using Serverless.Workers.Queues;

namespace Serverless.Hosting.Queues;

/// <summary>
/// Runs one queue function locally on a <see cref="QueueWorker"/> named after the function: each message gets its own
/// service scope and a <see cref="QueueTrigger"/> carrying its delivery, which the handler may complete in its own
/// write.
/// </summary>
internal sealed class QueuePoller
{
    private readonly QueueFunction _function;
    private readonly IServiceProvider _services;
    private readonly QueueWorker _worker;

    public QueuePoller(
        QueueFunction function,
        IQueue queue,
        IServiceProvider services,
        QueuePumpOptions options,
        TimeProvider time,
        ILogger logger)
    {
        _function = function;
        _services = services;
        _worker = new QueueWorker(
            function.Name,
            queue,
            ExecuteAsync,
            options,
            logger,
            time,
            services.GetService<QueueSignals>(),
            services.GetService<LocalQueueWorkers>());
    }

    /// <summary>
    /// Polls until <paramref name="stopping"/>, then lets in-flight handlers finish until
    /// <paramref name="shutdownTimeout"/> fires, when the unfinished messages go back to the queue at once and their
    /// handlers are cancelled.
    /// </summary>
    public Task RunAsync(CancellationToken stopping, CancellationToken shutdownTimeout) =>
        _worker.RunAsync(stopping, shutdownTimeout);

    private Task<bool> ExecuteAsync(QueueCompletion delivery, CancellationToken cancellationToken) =>
        _function.InvokeAsync(_services, delivery, cancellationToken);
}
