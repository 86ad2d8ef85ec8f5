using Serverless.Storage.InMemory;
using Serverless.Storage.Queues;

namespace Serverless.Workers.Tests.Queues;

/// <summary>An in-memory queue named <c>work</c> holding the given messages, for the pump tests.</summary>
internal static class TestQueues
{
    public static async Task<IQueue> CreateAsync(TimeProvider? clock, params string[] bodies)
    {
        var queue = new InMemoryStorageProvider(clock ?? TimeProvider.System).GetQueue("work");
        await queue.CreateIfNotExistsAsync();
        foreach (var body in bodies)
        {
            await queue.SendAsync(body);
        }

        return queue;
    }
}
