using Serverless.Storage.InMemory;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;
using Xunit;

namespace Serverless.Storage.Tests.InMemory;

/// <summary>
/// Without a transaction, messages go first and the write last: a failure in between loses no message.
/// </summary>
public sealed class SequentialWriteAndSendTests
{
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Messages_are_sent_before_what_runs_before_the_write_and_the_write_comes_last()
    {
        var storage = new InMemoryStorageProvider();
        var table = storage.GetTable("orders");
        await table.CreateIfNotExistsAsync();
        var queue = storage.GetQueue("events");
        await queue.CreateIfNotExistsAsync();
        (int Messages, bool Written)? seenBeforeWrite = null;

        await new SequentialWriteAndSend(storage).WriteAndSendAsync(
            "orders",
            [TableOperation.Upsert(new TableEntity("p", "marker"))],
            [new QueueSend("events", "e-1")],
            async ct =>
                seenBeforeWrite = (await queue.CountAsync(ct), await table.GetAsync("p", "marker", ct) is not null));

        Assert.Equal((1, false), seenBeforeWrite);
        Assert.NotNull(await table.GetAsync("p", "marker"));
        Assert.Equal("e-1", Assert.Single(await queue.ReceiveAsync(10, Visibility)).Body);
    }

    [Fact]
    public async Task A_failure_before_the_write_leaves_the_message_sent_and_nothing_written()
    {
        var storage = new InMemoryStorageProvider();
        var table = storage.GetTable("orders");
        await table.CreateIfNotExistsAsync();
        var queue = storage.GetQueue("events");
        await queue.CreateIfNotExistsAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => new SequentialWriteAndSend(storage).WriteAndSendAsync(
            "orders",
            [TableOperation.Upsert(new TableEntity("p", "marker"))],
            [new QueueSend("events", "e-1")],
            _ => throw new InvalidOperationException("sink down")));

        Assert.Null(await table.GetAsync("p", "marker"));
        Assert.Equal(1, await queue.CountAsync());
    }

    [Fact]
    public async Task A_write_never_completes_the_delivery_itself()
    {
        var storage = new InMemoryStorageProvider();
        await storage.GetTable("orders").CreateIfNotExistsAsync();
        var queue = storage.GetQueue("work");
        await queue.CreateIfNotExistsAsync();
        await queue.SendAsync("m");
        var received = Assert.Single(await queue.ReceiveAsync(1, Visibility));

        var completed = await new SequentialWriteAndSend(storage)
            .WriteAndCompleteAsync(
                "orders",
                [TableOperation.Upsert(new TableEntity("p", "r"))],
                new QueueCompletion("work", received));

        Assert.False(completed);
        Assert.Equal(1, await queue.CountAsync());
    }
}
