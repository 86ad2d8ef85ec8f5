using Microsoft.Extensions.DependencyInjection;
using Serverless.Durable;
using Serverless.Durable.Engine;
using Serverless.Orders.Fulfilment;
using Serverless.Orders.Saga;
using Serverless.Storage;
using Serverless.Storage.InMemory;
using Serverless.Storage.Queues;

namespace Serverless.Infra.Tests.Aws;

/// <summary>
/// The queues the app works on, taken from the code the way the host's management lists them (HostQueues): the
/// engine's wake-up and activity queues, composed as the host composes the saga, and the FulfilOrder queue.
/// </summary>
internal static class AppQueues
{
    public static IReadOnlyList<string> Work { get; } = Compute();

    public static string Poison(string queue) => StorageNames.PoisonQueueFor(queue);

    public static int MaxDequeueCount => new QueueOptions().MaxDequeueCount;

    private static List<string> Compute()
    {
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IStorageProvider>(new InMemoryStorageProvider())
            .AddDurableTask(OrderSaga.Register, OrderSaga.Payloads, OrderSaga.ActivityQueues)
            .BuildServiceProvider();
        var engine = services.GetRequiredService<DurableTaskEngine>();
        return new[] { engine.OrchestrationQueue }
            .Concat(engine.ActivityQueues)
            .Append(FulfilmentService.QueueName)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
