using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serverless.Hosting.Lifecycle;

namespace Serverless.Hosting.Tests.Lifecycle;

public sealed class HostedServicesOnceListeningTests : IDisposable
{
    private readonly string _directory = TempDirectory.Create();

    public void Dispose() => TempDirectory.Delete(_directory);

    [Fact]
    public async Task Health_answers_while_a_hosted_service_is_still_starting()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = new RecordingService(gate.Task);
        var app = Build(services => services.AddHostedService(_ => service));

        var starting = app.StartAsync();
        try
        {
            var address = await Eventually.UntilAsync(
                () => Task.FromResult(ListenAddress(app.Services)),
                "the server listens while the hosted service's start waits on its gate");
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            using var health = await http.GetAsync("/api/health");

            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            await Eventually.TrueAsync(() => service.Starts == 1, "the hosted service starts once the server listens");
            Assert.False(starting.IsCompleted, "The host finished starting before its hosted service did.");
        }
        finally
        {
            gate.SetResult();
            await starting.WithDeadline();
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Assert.Equal((1, 1), (service.Stops, service.Disposals));
    }

    [Fact]
    public async Task A_hosted_service_is_not_built_before_the_server_listens()
    {
        var built = 0;
        var app = Build(services => services.AddHostedService(sp =>
        {
            built++;
            Assert.NotNull(ListenAddress(sp));
            return new RecordingService(Task.CompletedTask);
        }));
        Assert.Equal(0, built);

        await app.StartAsync();
        await app.StopAsync();
        await app.DisposeAsync();

        Assert.Equal(1, built);
    }

    [Fact]
    public async Task A_shared_instance_is_started_and_stopped_but_left_to_its_owner_to_dispose()
    {
        var service = new RecordingService(Task.CompletedTask);
        var services = new ServiceCollection().AddHostedService(_ => service);
        services.Add(ServiceDescriptor.Singleton<IHostedService>(service));
        services.StartHostedServicesOnceListening();
        var provider = services.BuildServiceProvider();

        foreach (var hosted in provider.GetServices<IHostedService>().Cast<IHostedLifecycleService>())
        {
            var before = service.Starts;
            await hosted.StartAsync(CancellationToken.None);
            Assert.Equal(before, service.Starts);
            await hosted.StartedAsync(CancellationToken.None);
            await hosted.StopAsync(CancellationToken.None);
        }

        await provider.DisposeAsync();

        // Built by a factory: the wrapper owns it and disposes it; registered as an instance: its owner does.
        Assert.Equal((2, 2, 1), (service.Starts, service.Stops, service.Disposals));
    }

    private WebApplication Build(Action<IServiceCollection> register)
    {
        var builder = LocalFunctionsHost.CreateBuilder(["--port", "0"], _directory);
        register(builder.Services);
        builder.Services.StartHostedServicesOnceListening();
        var app = builder.Build();
        app.UseFunctionsHost();
        return app;
    }

    private static string? ListenAddress(IServiceProvider services) =>
        services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault(a => !a.EndsWith(":0", StringComparison.Ordinal));

    private sealed class RecordingService(Task gate) : IHostedService, IDisposable
    {
        public int Starts { get; private set; }

        public int Stops { get; private set; }

        public int Disposals { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            Starts++;
            await gate;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stops++;
            return Task.CompletedTask;
        }

        public void Dispose() => Disposals++;
    }
}
