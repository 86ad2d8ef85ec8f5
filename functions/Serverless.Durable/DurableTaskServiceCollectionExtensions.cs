using System.Diagnostics.Metrics;
using System.Text.Json.Serialization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Storage;
using Serverless.Storage.Diagnostics;
using Serverless.Storage.Queues;
using Serverless.Durable.Client;
using Serverless.Durable.Engine;
using Serverless.Durable.Retention;
using Serverless.Durable.Serialization;
using Serverless.Durable.Workers;
using Serverless.Workers.Queues;

namespace Serverless.Durable;

/// <summary>Registers the durable task engine, client and worker.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine (the two message handlers) running the orchestrators and activities <paramref name="register"/>
    /// adds to the SDK's <see cref="DurableTaskRegistry"/>, and the SDK's <see cref="DurableTaskClient"/> over the same
    /// storage. Needs an <see cref="IStorageProvider"/> registered. Payloads go through the registered
    /// <see cref="DataConverter"/> (as on Durable Functions): register a <see cref="SourceGeneratedDataConverter"/>
    /// over the JSON contexts of your payload types first; without one, only built-in types serialize. Register
    /// orchestrators and activities with the SDK's factory overloads (the type-based ones use reflection, which Native
    /// AOT does not keep). Add <see cref="AddEngineQueueService"/> to also poll the queues in-process. The engine's
    /// metrics (<see cref="DurableMetrics"/>) read the queues' depth through the registered
    /// <see cref="IQueueAdministration"/>, else through the storage provider when it is one.
    /// </summary>
    public static IServiceCollection AddDurableTask(
        this IServiceCollection services,
        Action<DurableTaskRegistry> register,
        Action<DurableTaskOptions>? configure = null)
    {
        var registry = new DurableTaskRegistry();
        register(registry);
        services.AddOptions<DurableTaskOptions>().Configure(options => configure?.Invoke(options));
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<DurableTaskOptions>, DurableTaskOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataConverter>(new SourceGeneratedDataConverter());
        services.TryAddSingleton(CreateMetrics);
        services.AddSingleton(sp => new DurableTaskEngine(
            sp.GetRequiredService<IStorageProvider>(),
            registry,
            sp.GetRequiredService<IOptions<DurableTaskOptions>>(),
            sp,
            sp.GetRequiredService<DataConverter>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<LocalQueueWorkers>(),
            sp.GetRequiredService<DurableMetrics>()));
        services.AddSingleton<DurableTaskClient>(sp => new EngineDurableTaskClient(
            sp.GetRequiredService<IStorageProvider>(),
            sp.GetRequiredService<IOptions<DurableTaskOptions>>(),
            sp.GetRequiredService<DataConverter>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Adds the engine for a function set: its registrations (<paramref name="register"/>), the JSON contracts of its
    /// payloads (a <see cref="SourceGeneratedDataConverter"/> over <paramref name="payloads"/>) and the queues its
    /// activities travel on (<paramref name="activityQueues"/>), then <paramref name="configure"/>; see
    /// <see cref="AddDurableTask(IServiceCollection, Action{DurableTaskRegistry}, Action{DurableTaskOptions}?)"/>.
    /// </summary>
    public static IServiceCollection AddDurableTask(
        this IServiceCollection services,
        Action<DurableTaskRegistry> register,
        JsonSerializerContext payloads,
        IReadOnlyDictionary<string, string> activityQueues,
        Action<DurableTaskOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(activityQueues);
        services.AddSingleton<DataConverter>(new SourceGeneratedDataConverter(payloads));
        return services.AddDurableTask(register, options =>
        {
            foreach (var (activity, queue) in activityQueues)
            {
                options.ActivityQueues[activity] = queue;
            }

            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Adds the <see cref="EngineQueueService"/>, which polls the task hub's queues in-process and runs the sweep. Its
    /// pumps take the work the engine's commits cause directly (<see cref="LocalQueueWorkers"/>; register your own
    /// first to gate it, e.g. on a worker lease).
    /// </summary>
    public static IServiceCollection AddEngineQueueService(this IServiceCollection services)
    {
        services.TryAddSingleton(new LocalQueueWorkers());
        services.AddHostedService(sp => new EngineQueueService(
            sp.GetRequiredService<DurableTaskEngine>(),
            sp.GetRequiredService<IStorageProvider>(),
            sp.GetRequiredService<ILogger<EngineQueueService>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<QueueSignals>(),
            sp.GetService<LocalQueueWorkers>()));
        return services;
    }

    /// <summary>
    /// Adds the background retention (<see cref="HistoryRetentionService"/>): finished instances older than
    /// <see cref="RetentionOptions.MaxAge"/> (<see cref="DurableTaskOptions.Retention"/>) are purged in bounded
    /// batches. Add it where the workers run; several processes on one store may all run it.
    /// </summary>
    public static IServiceCollection AddDurableTaskRetention(this IServiceCollection services)
    {
        services.AddHistoryRetention();
        services.AddHostedService(sp => new HistoryRetentionService(
            sp.GetRequiredService<HistoryRetention>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HistoryRetentionService).FullName!),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Registers <see cref="HistoryRetention"/> without running it: for a host whose passes are triggered from outside
    /// (a schedule on Lambda).
    /// </summary>
    public static IServiceCollection AddHistoryRetention(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new HistoryRetention(
            sp.GetRequiredService<IStorageProvider>(),
            sp.GetRequiredService<IOptions<DurableTaskOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HistoryRetention).FullName!)));
        return services;
    }

    private static DurableMetrics CreateMetrics(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DurableTaskOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<DurableMetrics>();
        var sampler = QueueSampler.For(
            services.GetService<IQueueAdministration>(),
            services.GetRequiredService<IStorageProvider>(),
            options,
            time);
        var queues = sampler is null
            ? null
            : new CachedStorageReading<IReadOnlyList<QueueSample>>(
                sampler.ReadAsync,
                options.QueueMetricsInterval,
                time,
                exception => Logs.QueuesNotSampled(logger, exception));
        return new DurableMetrics(services.GetService<IMeterFactory>(), queues);
    }

    private sealed class DurableTaskOptionsValidator : IValidateOptions<DurableTaskOptions>
    {
        public ValidateOptionsResult Validate(string? name, DurableTaskOptions options)
        {
            var errors = options.Validate().ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
