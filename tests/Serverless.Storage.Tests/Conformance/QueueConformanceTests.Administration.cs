using Serverless.Storage.Queues;
using Xunit;

namespace Serverless.Storage.Tests.Conformance;

public abstract partial class QueueConformanceTests
{
    private IQueueAdministration Administration => Assert.IsAssignableFrom<IQueueAdministration>(Provider);

    private string PoisonQueueName => StorageNames.PoisonQueueFor(Queue.Name);

    [Fact]
    public async Task Peek_shows_visible_messages_oldest_first_without_receiving_them()
    {
        var sentAt = Time.GetUtcNow();
        var first = await Queue.SendAsync("first");
        Time.Advance(TimeSpan.FromSeconds(1));
        await Queue.SendAsync("second");
        Time.Advance(TimeSpan.FromSeconds(1));
        await Queue.SendAsync("third");

        var peeked = await Administration.PeekAsync(Queue.Name, 2);
        var received = await ReceiveOneAsync();

        Assert.Equal(["first", "second"], peeked.Select(m => m.Body));
        Assert.Equal((first, 0, sentAt), (peeked[0].MessageId, peeked[0].DequeueCount, peeked[0].InsertedAt));
        Assert.Equal(("first", 1), (received.Body, received.DequeueCount));
    }

    [Fact]
    public async Task Peek_leaves_out_received_and_delayed_messages()
    {
        await Queue.SendAsync("received");
        await ReceiveOneAsync();
        await Queue.SendAsync("delayed", TimeSpan.FromMinutes(1));
        await Queue.SendAsync("waiting");

        var peeked = await Administration.PeekAsync(Queue.Name, IQueueAdministration.MaxPeek);

        Assert.Equal(["waiting"], peeked.Select(m => m.Body));
    }

    [Fact]
    public async Task Peek_asks_for_1_to_32_messages()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Administration.PeekAsync(Queue.Name, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Administration.PeekAsync(
            Queue.Name,
            IQueueAdministration.MaxPeek + 1));
    }

    [Fact]
    public async Task A_poisoned_message_moved_back_is_delivered_again_with_a_fresh_dequeue_count()
    {
        await Queue.SendAsync("bad");
        for (var delivery = 1; delivery <= MaxDequeueCount; delivery++)
        {
            await Queue.AbandonAsync(await ReceiveOneAsync(), TimeSpan.Zero);
        }

        Assert.Empty(await Queue.ReceiveAsync(10, VisibilityTimeout));
        var poisoned = Assert.Single(await Administration.PeekAsync(PoisonQueueName, IQueueAdministration.MaxPeek));

        var moved = await Administration.MoveAsync(PoisonQueueName, poisoned.MessageId, Queue.Name);

        Assert.True(moved);
        Assert.Equal(0, await Provider.GetQueue(PoisonQueueName).CountAsync());
        var again = await ReceiveOneAsync();
        Assert.Equal(("bad", 1), (again.Body, again.DequeueCount));
    }

    [Fact]
    public async Task Move_goes_to_the_end_of_the_target_queue()
    {
        var source = Provider.GetQueue(PoisonQueueName);
        await source.CreateIfNotExistsAsync();
        var id = await source.SendAsync("moved");
        Time.Advance(TimeSpan.FromSeconds(1));
        await Queue.SendAsync("already-there");
        Time.Advance(TimeSpan.FromSeconds(1));

        await Administration.MoveAsync(PoisonQueueName, id, Queue.Name);

        Assert.Equal(["already-there", "moved"], (await Queue.ReceiveAsync(10, VisibilityTimeout)).Select(m => m.Body));
    }

    [Fact]
    public async Task Move_and_delete_return_false_for_a_message_that_is_not_there_or_is_held()
    {
        await Queue.SendAsync("held");
        var held = await ReceiveOneAsync();

        Assert.False(await Administration.MoveAsync(Queue.Name, "no-such-message", PoisonQueueName));
        Assert.False(await Administration.MoveAsync(Queue.Name, held.MessageId, PoisonQueueName));
        Assert.False(await Administration.DeleteAsync(Queue.Name, held.MessageId));
        Assert.True(await Queue.CompleteAsync(held));
    }

    [Fact]
    public async Task Delete_removes_that_message_only()
    {
        var doomed = await Queue.SendAsync("doomed");
        await Queue.SendAsync("kept");

        var deleted = await Administration.DeleteAsync(Queue.Name, doomed);

        Assert.True(deleted);
        Assert.Equal(["kept"], (await Queue.ReceiveAsync(10, VisibilityTimeout)).Select(m => m.Body));
    }
}
