using Microsoft.Extensions.Options;
using Serverless.Durable;
using Serverless.Durable.Engine;
using Serverless.Durable.Workers;
using Serverless.Hosting.Queues;
using Serverless.Lambda;
using Serverless.Lambda.Sqs;
using Serverless.Lambda.Timers;
using Serverless.Storage.Aws;
using Serverless.Workers.Queues;

namespace Serverless.Host.Lambda;

/// <summary>
/// Lambda mode's triggers: the Runtime API loop, SQS batches routed to the engine's and the queue functions' handlers,
/// and the timers. They replace the local pollers and background loops; the function set is the same.
/// </summary>
internal static class LambdaHostServiceCollectionExtensions
{
    public static IServiceCollection AddLambdaTriggers(this IServiceCollection services, string runtimeApi)
    {
        services.AddLambdaRuntime(runtimeApi);

        // Lambda may freeze the process once an invocation returns, so nothing runs after it: every work item goes
        // through its queue, whose message is the invocation.
        services.PostConfigure<DurableTaskOptions>(static options => options.LocalActivityClaim = TimeSpan.Zero);
        services.AddHistoryRetention();
        services.AddSingleton<ILambdaTimers, HostTimers>();
        services.AddSingleton<ISqsBatchHandler>(static sp => new SqsBatchRunner(
            sp.GetRequiredService<AwsStorageProvider>(),
            Routes(sp),
            sp.GetRequiredService<ILogger<SqsBatchRunner>>()));
        return services;
    }

    // The same handlers and retry back-off as EngineQueueService's and the queue functions' pollers.
    private static Dictionary<string, QueueRoute> Routes(IServiceProvider services)
    {
        var engine = services.GetRequiredService<DurableTaskEngine>();
        var options = services.GetRequiredService<IOptions<DurableTaskOptions>>().Value;
        var routes = new Dictionary<string, QueueRoute>(StringComparer.Ordinal)
        {
            [engine.OrchestrationQueue] = new(
                engine.OrchestrationQueue,
                engine.HandleWakeUpAsync,
                EngineQueueService.PumpOptions(options, options.MaxConcurrentOrchestrations)),
        };
        foreach (var queue in engine.ActivityQueues)
        {
            routes[queue] = new(
                queue,
                engine.HandleWorkItemAsync,
                EngineQueueService.PumpOptions(options, options.MaxConcurrentActivities));
        }

        var pumpOptions = services.GetRequiredService<IOptions<QueuePumpOptions>>().Value;
        foreach (var function in services.GetServices<QueueFunction>())
        {
            routes[function.QueueName] = new(
                function.Name,
                (delivery, cancellationToken) => function.InvokeAsync(services, delivery, cancellationToken),
                pumpOptions);
        }

        return routes;
    }
}
