using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Durable.Client;
using Serverless.Durable.Engine;
using Serverless.Durable.Workers;

namespace Serverless.Durable;

/// <summary>Registers the durable task engine, client and worker.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine (the two message handlers), the client, and the registry built by <paramref name="register"/>.
    /// Needs an <see cref="Storage.IStorageProvider"/> registered. Add <see cref="AddDurableTaskWorker"/> to also poll the
    /// queues in-process.
    /// </summary>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, Action<DurableTaskRegistry> register, Action<DurableTaskOptions>? configure = null)
    {
        var registry = new DurableTaskRegistry();
        register(registry);
        services.AddSingleton(registry);
        services.AddOptions<DurableTaskOptions>().Configure(options => configure?.Invoke(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new DurableTaskEngine(
            sp.GetRequiredService<IStorageProvider>(),
            registry,
            sp.GetRequiredService<IOptions<DurableTaskOptions>>(),
            sp,
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new DurableTaskClient(
            sp.GetRequiredService<IStorageProvider>(),
            sp.GetRequiredService<IOptions<DurableTaskOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Adds the in-process worker that polls the task hub's queues and runs the sweep.</summary>
    public static IServiceCollection AddDurableTaskWorker(this IServiceCollection services)
    {
        services.AddHostedService(sp => new DurableTaskWorker(
            sp.GetRequiredService<DurableTaskEngine>(),
            sp.GetRequiredService<IStorageProvider>(),
            sp.GetRequiredService<ILogger<DurableTaskWorker>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<QueueSignals>()));
        return services;
    }
}
