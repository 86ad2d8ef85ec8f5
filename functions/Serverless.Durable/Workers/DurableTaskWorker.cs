using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Engine;
using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Workers.Queues;

namespace Serverless.Durable.Workers;

/// <summary>
/// Runs the engine in-process: an orchestration worker on the wake-up queue, an activity worker on each activity queue,
/// and the periodic sweep. Used where nothing else delivers the queues' messages (the local host, tests).
/// </summary>
public sealed class DurableTaskWorker(
    DurableTaskEngine engine,
    IStorageProvider storage,
    ILogger<DurableTaskWorker> logger,
    TimeProvider? timeProvider = null,
    QueueSignals? signals = null,
    LocalQueueWorkers? localWorkers = null)
    : BackgroundService
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await engine.EnsureCreatedAsync().ConfigureAwait(false);
        var options = engine.Options;
        var pumps = new List<Task>
        {
            Pump(engine.OrchestrationQueue, options.MaxConcurrentOrchestrations, (m, ct) => engine.HandleWakeUpAsync(m, ct), stoppingToken),
        };
        pumps.AddRange(engine.ActivityQueues.Select(queue =>
            Pump(queue, options.MaxConcurrentActivities, (m, ct) => engine.HandleWorkItemAsync(m, queue, ct), stoppingToken)));
        pumps.Add(SweepAsync(options.SweepInterval, stoppingToken));
        await Task.WhenAll(pumps).ConfigureAwait(false);
    }

    private Task Pump(string queueName, int concurrency, Func<QueueMessage, CancellationToken, Task<bool>> handler, CancellationToken stoppingToken)
    {
        var pump = new QueuePump(
            storage.GetQueue(queueName),
            handler,
            new QueuePumpOptions
            {
                MaxConcurrency = concurrency,
                VisibilityTimeout = engine.Options.VisibilityTimeout,
                MaxPollingInterval = engine.Options.MaxPollingInterval,
                OnReceiptStale = (message, elapsed) => Logs.ReceiptStale(logger, queueName, message.MessageId, elapsed.TotalMilliseconds),
            },
            _time,
            (_, exception) => Logs.MessageFailed(logger, exception, queueName),
            signals,
            localWorkers);
        return pump.RunAsync(stoppingToken);
    }

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
