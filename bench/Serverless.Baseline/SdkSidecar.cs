using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serverless.Baseline;

/// <summary>
/// The Durable Task SDK's own way of running orchestrations in one process, as
/// <c>Microsoft.DurableTask.Testing.DurableTaskTestHost</c> wires it, but over any DurableTask.Core backend: the
/// test host's gRPC sidecar (<see cref="TaskHubGrpcServer"/>, which dispatches work items from an
/// <see cref="IOrchestrationService"/>) on a free loopback port, the real SDK worker (<c>Worker.Grpc</c>: replay
/// through <c>TaskOrchestrationExecutor</c> and the SDK's shims) with the scenario's registrations, and the real SDK
/// client (<c>Client.Grpc</c>).
/// </summary>
public sealed class SdkSidecar : IAsyncDisposable
{
    private readonly WebApplication _sidecar;
    private readonly GrpcChannel _channel;
    private readonly IHost _client;
    private readonly Action<DurableTaskRegistry> _register;
    private readonly DataConverter? _dataConverter;
    private readonly ILoggerProvider? _workerLogs;
    private IHost _worker;

    private SdkSidecar(
        WebApplication sidecar,
        GrpcChannel channel,
        IHost client,
        IHost worker,
        Action<DurableTaskRegistry> register,
        DataConverter? dataConverter,
        ILoggerProvider? workerLogs)
    {
        _sidecar = sidecar;
        _channel = channel;
        _client = client;
        _worker = worker;
        _register = register;
        _dataConverter = dataConverter;
        _workerLogs = workerLogs;
    }

    /// <summary>The SDK's gRPC client, connected to the sidecar.</summary>
    public DurableTaskClient Client => _client.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>
    /// Starts the sidecar over <paramref name="service"/> and a worker with <paramref name="register"/>'s tasks.
    /// </summary>
    /// <param name="service">The backend.</param>
    /// <param name="register">The scenario's registrations.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="dataConverter">The worker's and client's converter; the SDK's <c>JsonDataConverter.Default</c> when
    /// null.</param>
    /// <param name="configureClient">More client options (e.g. a default version), if any.</param>
    /// <param name="configureWorker">More worker options (e.g. versioning), if any.</param>
    /// <param name="workerLogs">Where the worker's logs go (Information and up), if anywhere.</param>
    public static async Task<SdkSidecar> StartAsync<TService>(
        TService service,
        Action<DurableTaskRegistry> register,
        CancellationToken cancellationToken,
        DataConverter? dataConverter = null,
        Action<DurableTaskClientOptions>? configureClient = null,
        Action<DurableTaskWorkerOptions>? configureWorker = null,
        ILoggerProvider? workerLogs = null)
        where TService : IOrchestrationService, IOrchestrationServiceClient
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(
            System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<ContinueAsNewCarryoverInterceptor>());
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var sidecar = builder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken);

        var address = sidecar.Urls.First();
        var channel = GrpcChannel.ForAddress(address);

        var clientBuilder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        clientBuilder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
            client.Configure(options =>
            {
                options.DataConverter = dataConverter!;
                configureClient?.Invoke(options);
            });
        });
        var clientHost = clientBuilder.Build();
        await clientHost.StartAsync(cancellationToken);
        var worker = await StartWorkerAsync(
            channel, register, dataConverter, configureWorker, workerLogs, cancellationToken);
        return new SdkSidecar(sidecar, channel, clientHost, worker, register, dataConverter, workerLogs);
    }

    /// <summary>
    /// Stops the worker and connects a new one with the same tasks and other options, as a deployment replaces a
    /// worker of one version with a worker of another on the same task hub.
    /// </summary>
    /// <param name="configureWorker">The new worker's options (e.g. another version), if any.</param>
    /// <param name="cancellationToken">Cancels the start of the new worker.</param>
    public async Task ReplaceWorkerAsync(
        Action<DurableTaskWorkerOptions>? configureWorker,
        CancellationToken cancellationToken)
    {
        await _worker.StopAsync(cancellationToken);
        _worker.Dispose();
        _worker = await StartWorkerAsync(
            _channel, _register, _dataConverter, configureWorker, _workerLogs, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync();
        _worker.Dispose();
        await _client.StopAsync();
        _client.Dispose();
        await _channel.ShutdownAsync();
        _channel.Dispose();
        await _sidecar.StopAsync();
        await _sidecar.DisposeAsync();
    }

    private static async Task<IHost> StartWorkerAsync(
        GrpcChannel channel,
        Action<DurableTaskRegistry> register,
        DataConverter? dataConverter,
        Action<DurableTaskWorkerOptions>? configureWorker,
        ILoggerProvider? workerLogs,
        CancellationToken cancellationToken)
    {
        var workerBuilder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (workerLogs is not null)
        {
            workerBuilder.Logging.AddProvider(workerLogs).SetMinimumLevel(LogLevel.Information);
        }

        workerBuilder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(channel);
            worker.AddTasks(register);
            worker.Configure(options =>
            {
                options.DataConverter = dataConverter!;
                configureWorker?.Invoke(options);
            });
        });
        var workerHost = workerBuilder.Build();
        await workerHost.StartAsync(cancellationToken);
        return workerHost;
    }
}
