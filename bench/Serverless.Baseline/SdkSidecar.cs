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
    private readonly IHost _worker;

    private SdkSidecar(WebApplication sidecar, GrpcChannel channel, IHost worker)
    {
        _sidecar = sidecar;
        _channel = channel;
        _worker = worker;
    }

    /// <summary>The SDK's gRPC client, connected to the sidecar.</summary>
    public DurableTaskClient Client => _worker.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>
    /// Starts the sidecar over <paramref name="service"/> and a worker with <paramref name="register"/>'s tasks.
    /// </summary>
    /// <param name="service">The backend.</param>
    /// <param name="register">The scenario's registrations.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="dataConverter">The worker's and client's converter; the SDK's <c>JsonDataConverter.Default</c> when
    /// null.</param>
    public static async Task<SdkSidecar> StartAsync<TService>(
        TService service,
        Action<DurableTaskRegistry> register,
        CancellationToken cancellationToken,
        DataConverter? dataConverter = null)
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

        var workerBuilder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        workerBuilder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(channel);
            worker.AddTasks(register);
            worker.Configure(options => options.DataConverter = dataConverter!);
        });
        workerBuilder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
            client.Configure(options => options.DataConverter = dataConverter!);
        });
        var workerHost = workerBuilder.Build();
        await workerHost.StartAsync(cancellationToken);
        return new SdkSidecar(sidecar, channel, workerHost);
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync();
        _worker.Dispose();
        await _channel.ShutdownAsync();
        _channel.Dispose();
        await _sidecar.StopAsync();
        await _sidecar.DisposeAsync();
    }
}
