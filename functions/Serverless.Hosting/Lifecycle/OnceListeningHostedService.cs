using Microsoft.Extensions.Hosting;

namespace Serverless.Hosting.Lifecycle;

/// <summary>
/// Builds and starts a hosted service once the server listens rather than before it: in
/// <see cref="IHostedLifecycleService.StartedAsync"/>, which the host calls after every service's
/// <see cref="IHostedService.StartAsync"/>, the web server's included. Stopping and disposal are passed on.
/// </summary>
/// <param name="create">Builds the service; called once, at the start.</param>
/// <param name="owned">
/// Whether this wrapper disposes what <paramref name="create"/> built (not a shared instance).
/// </param>
internal sealed class OnceListeningHostedService(Func<IHostedService> create, bool owned)
    : IHostedLifecycleService, IAsyncDisposable
{
    private IHostedService? _inner;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var inner = _inner = create();
        if (inner is IHostedLifecycleService lifecycle)
        {
            await lifecycle.StartingAsync(cancellationToken).ConfigureAwait(false);
            await inner.StartAsync(cancellationToken).ConfigureAwait(false);
            await lifecycle.StartedAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await inner.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken) =>
        (_inner as IHostedLifecycleService)?.StoppingAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        _inner?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) =>
        (_inner as IHostedLifecycleService)?.StoppedAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (!owned)
        {
            return;
        }

        switch (_inner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
