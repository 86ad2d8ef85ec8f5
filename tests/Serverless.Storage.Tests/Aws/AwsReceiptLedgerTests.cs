using Serverless.Storage.Aws;
using Serverless.Storage.Diagnostics;
using Serverless.Storage.Queues;
using Serverless.Storage.Workers;
using Serverless.Testing;
using Serverless.Testing.DynamoDb;
using Serverless.Testing.Sqs;
using Xunit;

namespace Serverless.Storage.Tests.Aws;

/// <summary>
/// The receipt ledger by default: a message a worker settles quickly costs no ledger request; one its handler holds
/// past the first renewal is recorded, so a dead worker's long-held messages are still released at once.
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
[Trait(Tier.Trait, Tier.Aws)]
public sealed class AwsReceiptLedgerTests(DynamoDbLocalFixture dynamoDb, FauxqsFixture sqs)
{
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_message_settled_before_its_first_renewal_costs_only_its_receive_and_its_delete()
    {
        using var counter = new StorageRequestCounter("aws");
        var storage = AwsStorage.CreateProvider(
            dynamoDb, sqs, queueOptions: new QueueOptions { WorkerId = "worker-quick" }, counter: counter);
        var queue = storage.GetQueue("quick");
        await queue.CreateIfNotExistsAsync();
        await queue.SendAsync("m");
        var before = counter.Snapshot();

        var received = Assert.Single(await queue.ReceiveAsync(1, VisibilityTimeout));
        Assert.True(await queue.CompleteAsync(received));

        Assert.Equal(
            new Dictionary<string, long> { ["queue.delete"] = 1, ["queue.receive"] = 1 },
            Difference(before, counter.Snapshot()));
        Assert.Equal(0, await storage.CountHeldAsync("worker-quick"));
    }

    [Fact]
    public async Task A_message_held_past_its_first_renewal_is_recorded_and_released_at_once_when_its_worker_dies()
    {
        var table = DynamoDbLocalStorage.UniqueTableName();
        var prefix = AwsStorage.UniquePrefix();
        var dead = AwsStorage.CreateProvider(
            dynamoDb, sqs, queueOptions: new QueueOptions { WorkerId = "dead" }, tableName: table, queuePrefix: prefix);
        var survivor = AwsStorage.CreateProvider(
            dynamoDb, sqs, queueOptions: new QueueOptions { WorkerId = "survivor" }, tableName: table,
            queuePrefix: prefix);
        var queue = dead.GetQueue("slow");
        await queue.CreateIfNotExistsAsync();
        await queue.SendAsync("m");
        var held = Assert.Single(await queue.ReceiveAsync(1, VisibilityTimeout));
        Assert.Equal(0, await survivor.CountHeldAsync("dead"));

        await Eventually.ValueAsync(
            () => survivor.CountHeldAsync("dead"),
            count => count == 1,
            "the message held past its first renewal is in the ledger");
        Assert.Equal(1, await ((IHeldMessages)survivor).ReleaseAsync("dead"));

        var taken = Assert.Single(await survivor.GetQueue("slow").ReceiveAsync(1, VisibilityTimeout));
        Assert.Equal((held.MessageId, 2), (taken.MessageId, taken.DequeueCount));
        Assert.False(await queue.CompleteAsync(held));
        Assert.True(await survivor.GetQueue("slow").CompleteAsync(taken));
    }

    [Fact]
    public async Task A_recorded_message_leaves_the_ledger_when_its_worker_completes_it()
    {
        var storage = AwsStorage.CreateProvider(dynamoDb, sqs, queueOptions: new QueueOptions { WorkerId = "slow" });
        var queue = storage.GetQueue("slow");
        await queue.CreateIfNotExistsAsync();
        await queue.SendAsync("m");
        var held = Assert.Single(await queue.ReceiveAsync(1, VisibilityTimeout));
        await Eventually.ValueAsync(() => storage.CountHeldAsync("slow"), count => count == 1, "it is recorded");

        Assert.True(await queue.CompleteAsync(held));

        Assert.Equal(0, await storage.CountHeldAsync("slow"));
        Assert.Empty(await storage.ListHoldersAsync());
    }

    [Fact]
    public async Task A_peek_leaves_the_dequeue_count_alone_and_costs_a_receive_and_one_ledger_write()
    {
        using var counter = new StorageRequestCounter("aws");
        var storage = AwsStorage.CreateProvider(dynamoDb, sqs, counter: counter);
        var queue = storage.GetQueue("peeked");
        await queue.CreateIfNotExistsAsync();
        await storage.GetTable("QueuePeeks").CreateIfNotExistsAsync();
        await queue.SendAsync("m");
        var before = counter.Snapshot();

        var peeked = Assert.Single(await storage.PeekAsync("peeked", 1));

        Assert.Equal(
            new Dictionary<string, long> { ["queue.receive"] = 1, ["table.write"] = 1 },
            Difference(before, counter.Snapshot()));
        Assert.Equal(0, peeked.DequeueCount);
        Assert.Equal(1, Assert.Single(await queue.ReceiveAsync(1, VisibilityTimeout)).DequeueCount);
    }

    internal static Dictionary<string, long> Difference(
        IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Where(a => a.Value != before.GetValueOrDefault(a.Key))
            .ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key));
}
