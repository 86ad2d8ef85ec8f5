using Serverless.Storage.Queues;
using Serverless.Storage.Workers;
using Xunit;

namespace Serverless.Storage.Tests.Conformance;

public abstract partial class QueueConformanceTests
{
    /// <summary>
    /// Another handle on the same store as <see cref="Provider"/>, whose receives are held by
    /// <paramref name="workerId"/>.
    /// </summary>
    protected abstract IStorageProvider CreateWorkerProvider(string workerId);

    private (IQueue Queue, IHeldMessages Held) Worker(string workerId)
    {
        var provider = CreateWorkerProvider(workerId);
        return (provider.GetQueue(Queue.Name), Assert.IsAssignableFrom<IHeldMessages>(provider));
    }

    [Fact]
    public async Task A_received_message_is_held_by_the_worker_that_received_it()
    {
        var (queue, held) = Worker("worker-a");
        await Queue.SendAsync("m");

        await queue.ReceiveAsync(1, VisibilityTimeout);

        Assert.Equal(["worker-a"], await held.ListHoldersAsync());
        Assert.Equal(1, await held.CountHeldAsync("worker-a"));
        Assert.Equal(0, await held.CountHeldAsync("worker-b"));
    }

    [Fact]
    public async Task Completed_and_abandoned_messages_are_no_longer_held()
    {
        var (queue, held) = Worker("worker-a");
        await Queue.SendAsync("completed");
        await Queue.SendAsync("abandoned");
        var messages = await queue.ReceiveAsync(2, VisibilityTimeout);

        await queue.CompleteAsync(messages[0]);
        await queue.AbandonAsync(messages[1], TimeSpan.FromMinutes(1));

        Assert.Empty(await held.ListHoldersAsync());
        Assert.Equal(0, await held.CountHeldAsync("worker-a"));
    }

    [Fact]
    public async Task Release_makes_a_workers_messages_visible_at_once_and_its_receipts_stale()
    {
        var (dead, held) = Worker("worker-dead");
        var (survivor, _) = Worker("worker-survivor");
        var id = await Queue.SendAsync("m");
        var stale = Assert.Single(await dead.ReceiveAsync(1, VisibilityTimeout));

        var released = await held.ReleaseAsync("worker-dead");
        var taken = Assert.Single(await survivor.ReceiveAsync(1, VisibilityTimeout));

        Assert.Equal(1, released);
        Assert.Equal((id, 2), (taken.MessageId, taken.DequeueCount));
        Assert.False(await dead.CompleteAsync(stale));
        Assert.False(await dead.AbandonAsync(stale, TimeSpan.Zero));
        Assert.True(await survivor.CompleteAsync(taken));
        Assert.Equal(0, await held.ReleaseAsync("worker-dead"));
    }

    [Fact]
    public async Task Release_leaves_the_messages_of_other_workers_alone()
    {
        var (dead, held) = Worker("worker-dead");
        var (live, _) = Worker("worker-live");
        await Queue.SendAsync("of-the-dead");
        await Queue.SendAsync("of-the-living");
        await dead.ReceiveAsync(1, VisibilityTimeout);
        var kept = Assert.Single(await live.ReceiveAsync(1, VisibilityTimeout));

        await held.ReleaseAsync("worker-dead");

        Assert.Equal(["of-the-dead"], (await Queue.ReceiveAsync(10, VisibilityTimeout)).Select(m => m.Body));
        Assert.Equal(["worker-live"], await held.ListHoldersAsync());
        Assert.True(await live.CompleteAsync(kept));
    }
}
