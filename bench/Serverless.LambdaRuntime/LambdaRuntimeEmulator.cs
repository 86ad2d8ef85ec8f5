using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.LambdaRuntime;

/// <summary>
/// AWS Lambda's Runtime API (version 2018-06-01) on a free 127.0.0.1 port, for the tests and the cold-start benchmark:
/// a runtime given <see cref="RuntimeApi"/> as <c>AWS_LAMBDA_RUNTIME_API</c> long-polls <c>/runtime/invocation/next</c>
/// for the invocations <see cref="InvokeAsync"/> queues, and posts each one's response or error back.
/// </summary>
/// <remarks>
/// Several runtimes may poll at once: each invocation is handed to exactly one poller, once, and is never handed out
/// again (a poller that goes away after receiving it leaves it to its deadline, as Lambda does). An invocation may be
/// queued before any runtime has connected; its deadline runs from when it is queued.
/// </remarks>
public sealed partial class LambdaRuntimeEmulator : IAsyncDisposable
{
    /// <summary>The largest response or error body accepted (Lambda's 6 MB); a larger one is answered 413.</summary>
    public const int MaxPayloadBytes = 6 * 1024 * 1024;

    private readonly LambdaRuntimeEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<QueuedInvocation> _queue = Channel.CreateUnbounded<QueuedInvocation>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstPoll = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<LambdaInitError> _firstInitError =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebApplication? _app;
    private string? _runtimeApi;
    private int _disposed;

    private LambdaRuntimeEmulator(LambdaRuntimeEmulatorOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
    }

    /// <summary>The <c>host:port</c> to give a runtime as <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string RuntimeApi => _runtimeApi ?? throw new InvalidOperationException("The emulator has not started.");

    /// <summary>Completes when the first <c>GET /runtime/invocation/next</c> arrives.</summary>
    public Task FirstPoll => _firstPoll.Task;

    /// <summary>Starts an emulator with the default options.</summary>
    public static Task<LambdaRuntimeEmulator> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(new LambdaRuntimeEmulatorOptions(), cancellationToken);

    /// <summary>Starts an emulator with <paramref name="options"/>, listening once this returns.</summary>
    public static async Task<LambdaRuntimeEmulator> StartAsync(
        LambdaRuntimeEmulatorOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var emulator = new LambdaRuntimeEmulator(options);
        try
        {
            await emulator.ListenAsync(cancellationToken).ConfigureAwait(false);
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops listening: pollers still waiting are answered 500 (the documented "runtime should exit"), and invocations
    /// not yet ended fail with <see cref="ObjectDisposedException"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var invocation in TakeAll(_ => true))
        {
            invocation.Fail(new ObjectDisposedException(nameof(LambdaRuntimeEmulator)));
        }

        _stopping.Dispose();
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        _app = builder.Build();
        MapRuntimeApi(_app);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        _runtimeApi = $"127.0.0.1:{new Uri(address).Port}";
    }
}
