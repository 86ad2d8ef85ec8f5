using Serverless.Workers.Leases;

namespace Serverless.Host.Workers;

/// <summary>
/// Runs this process's <see cref="WorkerLeaseKeeper"/>: the first heartbeat and check on other workers right at
/// start-up (so a restarted host takes over what its killed predecessor held), then one per heartbeat interval. The
/// heartbeat goes on while the pollers drain on shutdown and stops only once the host has stopped, when the lease is
/// given up.
/// </summary>
internal sealed class WorkerLeaseService(
    WorkerLeaseKeeper keeper,
    WorkerLeaseOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<WorkerLeaseService> logger)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan ResignTimeout = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _stopping = new();
    private Task _run = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Logs.WorkerLeaseStarted(logger, keeper.Identity.Id, options.LeaseDuration, options.HeartbeatInterval);
        _run = Task.Run(
            () => keeper.RunAsync(e => Logs.WorkerLeaseRoundFailed(logger, e), _stopping.Token),
            CancellationToken.None);
        lifetime.ApplicationStopped.Register(Resign);
        return Task.CompletedTask;
    }

    // Not here: the pollers may still be draining, and a worker without a heartbeat would be taken over while they do.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    private void Resign()
    {
        _stopping.Cancel();
        try
        {
            _run.Wait(ResignTimeout);
            keeper.ResignAsync().Wait(ResignTimeout);
        }
        catch (AggregateException exception)
        {
            // The lease then simply expires, and the next worker to check deletes it.
            Logs.WorkerLeaseRoundFailed(logger, exception.InnerException ?? exception);
        }
    }
}
