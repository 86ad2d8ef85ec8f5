using Serverless.Durable.Engine;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Tests.Support;

/// <summary>Single steps and looks into the hub's storage, for tests that drive one message at a time.</summary>
internal sealed partial class TestHub
{
    /// <summary>
    /// Receives the one visible wake-up, hands it to <paramref name="engine"/> as a pump would, and completes it; a
    /// handler that throws leaves it received, as a process that died there.
    /// </summary>
    public async Task HandleOneWakeUpAsync(DurableTaskEngine engine)
    {
        var queue = Storage.GetQueue(engine.OrchestrationQueue);
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5)));
        await engine.HandleWakeUpAsync(new QueueCompletion(queue.Name, message));
        await queue.CompleteAsync(message);
    }

    /// <summary>How many work items wait in the (one) activity queue.</summary>
    public Task<int> WorkItemCountAsync() => Storage.GetQueue(Engine.ActivityQueues.Single()).CountAsync();

    /// <summary>How many wake-ups wait in the orchestration queue.</summary>
    public Task<int> WakeUpCountAsync() => Storage.GetQueue(Engine.OrchestrationQueue).CountAsync();

    /// <summary>The outbox rows of <paramref name="instanceId"/>'s partition.</summary>
    public async Task<List<TableEntity>> OutboxRowsAsync(string instanceId) =>
        (await Storage.GetTable(Engine.Hub.Options.InstancesTable).QueryPartitionAsync(instanceId))
            .Where(row => RowKeys.IsOutbox(row.RowKey))
            .ToList();
}
