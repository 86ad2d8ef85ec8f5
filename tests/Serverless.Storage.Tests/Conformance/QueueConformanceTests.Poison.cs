using Xunit;

namespace Serverless.Storage.Tests.Conformance;

public abstract partial class QueueConformanceTests
{
    [Fact]
    public async Task The_last_allowed_delivery_is_still_handed_out()
    {
        await Queue.SendAsync("m");
        for (var delivery = 1; delivery < MaxDequeueCount; delivery++)
        {
            await ReceiveOneAsync();
            Time.Advance(VisibilityTimeout);
        }

        var last = await ReceiveOneAsync();

        Assert.Equal(MaxDequeueCount, last.DequeueCount);
    }

    [Fact]
    public async Task A_message_delivered_MaxDequeueCount_times_moves_to_the_poison_queue_on_the_next_receive()
    {
        var id = await Queue.SendAsync("bad");
        for (var delivery = 1; delivery <= MaxDequeueCount; delivery++)
        {
            await ReceiveOneAsync();
            Time.Advance(VisibilityTimeout);
        }

        var next = await Queue.ReceiveAsync(10, VisibilityTimeout);

        var poisonQueue = Provider.GetQueue(StorageNames.PoisonQueueFor(Queue.Name));
        Assert.Empty(next);
        Assert.Equal(0, await Queue.CountAsync());
        var poisoned = await ReceiveOneAsync(poisonQueue);
        Assert.Equal(("bad", 1), (poisoned.Body, poisoned.DequeueCount));
        Assert.Equal(PoisonCopyKeepsMessageId, poisoned.MessageId == id);
    }

    [Fact]
    public async Task A_message_abandoned_MaxDequeueCount_times_moves_to_the_poison_queue()
    {
        await Queue.SendAsync("bad");
        for (var delivery = 1; delivery <= MaxDequeueCount; delivery++)
        {
            await Queue.AbandonAsync(await ReceiveOneAsync(), TimeSpan.Zero);
        }

        var next = await Queue.ReceiveAsync(10, VisibilityTimeout);

        Assert.Empty(next);
        Assert.Equal(1, await Provider.GetQueue(StorageNames.PoisonQueueFor(Queue.Name)).CountAsync());
    }

    [Fact]
    public async Task Poisoned_messages_do_not_count_towards_the_receive_maximum()
    {
        await Queue.SendAsync("bad-1");
        await Queue.SendAsync("bad-2");
        for (var delivery = 1; delivery <= MaxDequeueCount; delivery++)
        {
            await Queue.ReceiveAsync(2, VisibilityTimeout);
            Time.Advance(VisibilityTimeout);
        }

        await Queue.SendAsync("good-1");
        await Queue.SendAsync("good-2");

        // Whether the poisoned messages come back before or after the new ones is the queue's business (SQS puts a
        // message whose visibility ran out at the end): either way none of them is delivered or takes a place.
        var messages = await Queue.ReceiveAsync(2, VisibilityTimeout);
        var after = await Queue.ReceiveAsync(2, VisibilityTimeout);

        Assert.Equal(["good-1", "good-2"], messages.Select(m => m.Body));
        Assert.Empty(after);
        Assert.Equal(2, await Provider.GetQueue(StorageNames.PoisonQueueFor(Queue.Name)).CountAsync());
    }
}
