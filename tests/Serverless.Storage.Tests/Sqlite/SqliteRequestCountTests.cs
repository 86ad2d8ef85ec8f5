using Serverless.Storage.Diagnostics;
using Serverless.Storage.Queues;
using Serverless.Storage.Sqlite;
using Serverless.Storage.Tables;
using Xunit;

namespace Serverless.Storage.Tests.Sqlite;

public sealed class SqliteRequestCountTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Each_transaction_the_port_runs_counts_once_by_kind()
    {
        using var counter = new StorageRequestCounter("sqlite");
        using var storage = new SqliteStorageProvider(
            new SqliteStorageOptions { DataSource = _database.Path, RequestCounter = counter });
        var table = storage.GetTable("counted");
        var queue = storage.GetQueue("counted");
        await table.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();

        await table.ExecuteBatchAsync(
            [TableOperation.Insert(new TableEntity("p", "a")), TableOperation.Insert(new TableEntity("p", "b"))]);
        Assert.Equal(2, (await table.QueryPartitionAsync("p")).Count);
        Assert.NotNull(await table.GetAsync("p", "a"));
        await queue.SendAsync("hello");
        var received = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30));
        Assert.True(await queue.CompleteAsync(Assert.Single(received)));
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));

        // A receive that finds messages is a read (anything visible?) and a write (hide them); an idle one only reads.
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["queue.delete"] = 1,
                ["queue.receive"] = 3,
                ["queue.send"] = 1,
                ["table.batch"] = 1,
                ["table.get"] = 1,
                ["table.query"] = 1,
            },
            counter.Snapshot());
    }

    [Fact]
    public async Task A_batch_with_its_sends_in_one_transaction_counts_as_one_batch()
    {
        using var counter = new StorageRequestCounter("sqlite");
        using var storage = new SqliteStorageProvider(
            new SqliteStorageOptions { DataSource = _database.Path, RequestCounter = counter });
        var table = storage.GetTable("counted");
        await table.CreateIfNotExistsAsync();
        await storage.GetQueue("counted").CreateIfNotExistsAsync();

        await storage.ExecuteBatchAndSendAsync(
            "counted",
            [TableOperation.Insert(new TableEntity("p", "a"))],
            [new QueueSend("counted", "hello")]);

        Assert.Equal(new Dictionary<string, long> { ["table.batch"] = 1 }, counter.Snapshot());
    }
}
