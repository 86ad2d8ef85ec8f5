using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Serverless.Workers.Queues;

namespace Serverless.Hosting.Queues;

/// <summary>Registers queue functions and, in local mode, the pollers that run them.</summary>
public static class QueueFunctionServiceCollectionExtensions
{
    /// <summary>
    /// Declares the queue function <paramref name="name"/> triggered by <paramref name="queueName"/>. The handler gets
    /// a scoped service provider, the message and a token; it completes the message by returning and fails it by
    /// throwing.
    /// </summary>
    public static IServiceCollection AddQueueFunction(
        this IServiceCollection services,
        string name,
        string queueName,
        Func<IServiceProvider, QueueTrigger, CancellationToken, Task> handler)
    {
        services.AddSingleton(new QueueFunction(name, queueName, handler));
        return services;
    }

    /// <summary>
    /// Adds the local pollers: one per queue function, receiving from its queue of the registered
    /// <see cref="Storage.IStorageProvider"/>. Called by <see cref="FunctionsHostBuilderExtensions.AddFunctionsHost"/>
    /// in local mode. When a <see cref="QueueSignals"/> is registered (with a <see cref="SignalingStorageProvider"/>),
    /// an idle poller wakes as soon as this process sends to its queue instead of at its next poll.
    /// </summary>
    public static IServiceCollection AddLocalQueuePollers(
        this IServiceCollection services,
        Action<QueuePumpOptions>? configure = null)
    {
        services.AddOptions<QueuePumpOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, QueuePollerService>());
        return services;
    }
}
