using Serverless.Storage.InMemory;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;
using Xunit;

namespace Serverless.Storage.Tests.Sqlite;

/// <summary>
/// The SQLite backend writes a table batch and queue sends in one transaction (<see cref="ITransactionalStorage"/>).
/// </summary>
public sealed class SqliteTransactionalStorageTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_batch_and_its_messages_are_written_together()
    {
        var provider = _database.CreateProvider();
        var transactional = Assert.IsAssignableFrom<ITransactionalStorage>(provider.AsTransactional());

        var etags = await transactional.ExecuteBatchAndSendAsync(
            "orders",
            [TableOperation.Insert(
                new TableEntity("p", "r") { Properties = new Dictionary<string, string> { ["v"] = "1" } })],
            [new QueueSend("work", "a"), new QueueSend("other", "b")]);

        Assert.Equal((await provider.GetTable("orders").GetAsync("p", "r"))!.ETag, Assert.Single(etags));
        Assert.Equal(
            "a",
            Assert.Single(await provider.GetQueue("work").ReceiveAsync(10, TimeSpan.FromMinutes(1))).Body);
        Assert.Equal(
            "b",
            Assert.Single(await provider.GetQueue("other").ReceiveAsync(10, TimeSpan.FromMinutes(1))).Body);
    }

    [Fact]
    public async Task A_batch_whose_precondition_fails_sends_nothing()
    {
        var provider = _database.CreateProvider();
        await provider.GetTable("orders").InsertAsync(new TableEntity("p", "r"));

        await Assert.ThrowsAsync<TableConflictException>(() => provider.ExecuteBatchAndSendAsync(
            "orders",
            [TableOperation.Insert(new TableEntity("p", "new")), TableOperation.Insert(new TableEntity("p", "r"))],
            [new QueueSend("work", "a")]));

        Assert.Null(await provider.GetTable("orders").GetAsync("p", "new"));
        Assert.Equal(0, await provider.GetQueue("work").CountAsync());
    }

    [Fact]
    public async Task A_delayed_message_sent_with_a_batch_stays_hidden_until_its_delay_ends()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(
            2025,
            1,
            1,
            0,
            0,
            0,
            TimeSpan.Zero));
        var provider = _database.CreateProvider(time);

        await provider.ExecuteBatchAndSendAsync(
            "orders",
            [TableOperation.Upsert(new TableEntity("p", "r"))],
            [new QueueSend("work", "later", TimeSpan.FromMinutes(1))]);

        Assert.Empty(await provider.GetQueue("work").ReceiveAsync(1, TimeSpan.FromMinutes(1)));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(
            "later",
            Assert.Single(await provider.GetQueue("work").ReceiveAsync(1, TimeSpan.FromMinutes(1))).Body);
    }

    [Fact]
    public async Task A_message_sent_as_received_locally_is_hidden_and_held_by_this_worker_until_completed()
    {
        var provider = _database.CreateProvider(queueOptions: new QueueOptions { WorkerId = "worker-1" });
        var send = QueueSend.ReceivedLocally("work", "mine", TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow);

        await provider.ExecuteBatchAndSendAsync("orders", [TableOperation.Upsert(new TableEntity("p", "r"))], [send]);

        Assert.Empty(await provider.GetQueue("work").ReceiveAsync(1, TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await provider.CountHeldAsync("worker-1"));
        Assert.True(await provider.GetQueue("work").CompleteAsync(send.Received!));
        Assert.Equal(0, await provider.GetQueue("work").CountAsync());
    }

    [Fact]
    public async Task A_message_completed_with_a_batch_is_deleted_with_it()
    {
        var provider = _database.CreateProvider();
        await provider.GetQueue("work").SendAsync("done with the batch");
        var received = Assert.Single(await provider.GetQueue("work").ReceiveAsync(1, TimeSpan.FromMinutes(1)));

        var completion = new QueueCompletion("work", received);

        await provider.ExecuteBatchAndSendAsync(
            "orders",
            [TableOperation.Upsert(new TableEntity("p", "r"))],
            [],
            [completion]);

        Assert.NotNull(await provider.GetTable("orders").GetAsync("p", "r"));
        Assert.Equal(0, await provider.GetQueue("work").CountAsync());
        Assert.False(completion.IsStale);
    }

    [Fact]
    public async Task A_stale_receipt_completed_with_a_batch_deletes_nothing_fails_nothing_and_is_reported()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(
            2025,
            1,
            1,
            0,
            0,
            0,
            TimeSpan.Zero));
        var provider = _database.CreateProvider(time);
        await provider.GetQueue("work").SendAsync("redelivered");
        var first = Assert.Single(await provider.GetQueue("work").ReceiveAsync(1, TimeSpan.FromMinutes(1)));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Single(await provider.GetQueue("work").ReceiveAsync(1, TimeSpan.FromMinutes(1)));

        var completion = new QueueCompletion("work", first);

        await provider.ExecuteBatchAndSendAsync(
            "orders",
            [TableOperation.Upsert(new TableEntity("p", "r"))],
            [],
            [completion]);

        Assert.NotNull(await provider.GetTable("orders").GetAsync("p", "r"));
        Assert.Equal(1, await provider.GetQueue("work").CountAsync());
        Assert.True(completion.IsStale);
    }
}
