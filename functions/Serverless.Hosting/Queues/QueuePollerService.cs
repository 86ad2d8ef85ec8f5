using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Storage;

namespace Serverless.Hosting.Queues;

/// <summary>Starts a <see cref="QueuePoller"/> per queue function and drains them all on shutdown.</summary>
internal sealed class QueuePollerService(
    IEnumerable<QueueFunction> functions,
    IServiceProvider services,
    IOptions<QueuePollerOptions> options,
    TimeProvider time,
    ILogger<QueuePoller> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<QueuePoller> _pollers = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var declared = functions.ToArray();
        if (declared.Length == 0)
        {
            return;
        }

        var storage = services.GetService<IStorageProvider>()
            ?? throw new InvalidOperationException("Queue functions are declared but no IStorageProvider is registered.");
        foreach (var queueName in declared.Select(f => f.QueueName).Distinct(StringComparer.Ordinal))
        {
            await storage.GetQueue(queueName).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var function in declared)
        {
            var poller = new QueuePoller(function, storage.GetQueue(function.QueueName), services, options.Value, time, logger);
            _pollers.Add(poller);
            poller.Start(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_pollers.Select(p => p.DrainAsync(cancellationToken))).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        foreach (var poller in _pollers)
        {
            poller.Dispose();
        }
    }
}
