using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Storage;
using Serverless.Workers.Queues;

namespace Serverless.Hosting.Queues;

/// <summary>
/// Runs a <see cref="QueuePoller"/> per queue function; on shutdown, drains them all until the host's shutdown timeout.
/// </summary>
internal sealed class QueuePollerService(
    IEnumerable<QueueFunction> functions,
    IServiceProvider services,
    IOptions<QueuePumpOptions> options,
    TimeProvider time,
    ILogger<QueuePoller> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _shutdownTimeout = new();
    private readonly List<Task> _runs = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var declared = functions.ToArray();
        if (declared.Length == 0)
        {
            return;
        }

        var storage = services.GetService<IStorageProvider>()
            ?? throw new InvalidOperationException("Queue functions are declared but no IStorageProvider is " +
                "registered.");
        foreach (var queueName in declared.Select(f => f.QueueName).Distinct(StringComparer.Ordinal))
        {
            await storage.GetQueue(queueName).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var function in declared)
        {
            var poller = new QueuePoller(
                function,
                storage.GetQueue(function.QueueName),
                services,
                options.Value,
                time,
                logger);
            _runs.Add(Task.Run(() => poller.RunAsync(_stopping.Token, _shutdownTimeout.Token), CancellationToken.None));
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        using var timeout = cancellationToken.Register(_shutdownTimeout.Cancel);
        await Task.WhenAll(_runs).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _shutdownTimeout.Dispose();
    }
}
