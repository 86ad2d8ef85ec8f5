using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Engine;
using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Workers.Queues;

namespace Serverless.Durable.Workers;

/// <summary>
/// Runs the engine in-process: a <see cref="QueueWorker"/> on the wake-up queue, one on each activity queue, and the
/// periodic sweep. Used where nothing else delivers the queues' messages (the local host, tests).
/// </summary>
/// <param name="engine">The engine whose two message handlers the workers call.</param>
/// <param name="storage">Where the task hub's queues are.</param>
/// <param name="logger">Where the workers and the sweep report.</param>
/// <param name="timeProvider">The clock for waits.</param>
/// <param name="signals">In-process send notifications that wake idle workers.</param>
/// <param name="localWorkers">Where the workers offer free slots to the engine's own commits.</param>
public sealed class EngineQueueService(
    DurableTaskEngine engine,
    IStorageProvider storage,
    ILogger<EngineQueueService> logger,
    TimeProvider? timeProvider = null,
    QueueSignals? signals = null,
    LocalQueueWorkers? localWorkers = null)
    : BackgroundService
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// The pump settings of an engine queue: <paramref name="maxConcurrency"/> at once and the engine's visibility
    /// timeout and longest poll (<see cref="DurableTaskOptions"/>); each receive asks for as many messages as there are
    /// free slots, a failed message is retried after 250 ms doubling up to 30 s, and a stop waits 10 s for in-flight
    /// messages.
    /// </summary>
    public static QueuePumpOptions PumpOptions(DurableTaskOptions options, int maxConcurrency)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new QueuePumpOptions
        {
            MaxConcurrency = maxConcurrency,
            BatchSize = int.MaxValue,
            VisibilityTimeout = options.VisibilityTimeout,
            MinPollingInterval = TimeSpan.FromMilliseconds(5),
            MaxPollingInterval = options.MaxPollingInterval,
            RetryBaseDelay = TimeSpan.FromMilliseconds(250),
            MaxRetryDelay = TimeSpan.FromSeconds(30),
            DrainTimeout = TimeSpan.FromSeconds(10),
        };
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await engine.EnsureCreatedAsync().ConfigureAwait(false);
        var options = engine.Options;
        var runs = new List<Task>
        {
            Run(
                engine.OrchestrationQueue,
                options.MaxConcurrentOrchestrations,
                engine.HandleWakeUpAsync,
                stoppingToken),
        };
        runs.AddRange(engine.ActivityQueues.Select(queue =>
            Run(queue, options.MaxConcurrentActivities, engine.HandleWorkItemAsync, stoppingToken)));
        runs.Add(SweepAsync(options.SweepInterval, stoppingToken));
        runs.Add(StopLocalActivitiesAsync(stoppingToken));
        await Task.WhenAll(runs).ConfigureAwait(false);
    }

    /// <summary>At the stop, alongside the pumps' drain: the activities running here on claims drain too.</summary>
    private async Task StopLocalActivitiesAsync(CancellationToken stoppingToken)
    {
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (stoppingToken.Register(() => stopping.TrySetResult()))
        {
            await stopping.Task.ConfigureAwait(false);
        }

        await engine.StopLocalActivitiesAsync(PumpOptions(engine.Options, 1).DrainTimeout).ConfigureAwait(false);
    }

    private Task Run(
        string queueName,
        int maxConcurrency,
        Func<QueueCompletion, CancellationToken, Task<bool>> handler,
        CancellationToken stoppingToken) =>
        new QueueWorker(
                queueName,
                storage.GetQueue(queueName),
                handler,
                PumpOptions(engine.Options, maxConcurrency),
                logger,
                _time,
                signals,
                localWorkers)
            .RunAsync(stoppingToken);

    private async Task SweepAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await engine.SweepAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(interval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Logs.SweepFailed(logger, exception);
                await Task.Delay(interval, _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
