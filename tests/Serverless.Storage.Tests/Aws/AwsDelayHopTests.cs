using Microsoft.Extensions.Time.Testing;
using Serverless.Storage.Diagnostics;
using Serverless.Storage.Queues;
using Serverless.Testing.DynamoDb;
using Serverless.Testing.Sqs;
using Xunit;

namespace Serverless.Storage.Tests.Aws;

/// <summary>
/// Delays beyond SQS's 15 minutes: the message travels in hops of at most 15 minutes, each receive of a hop not yet
/// due sends it on with the rest of its delay, and it is delivered once due as the message first sent.
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
[Trait(Tier.Trait, Tier.Aws)]
public sealed class AwsDelayHopTests(DynamoDbLocalFixture dynamoDb, FauxqsFixture sqs)
{
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_delay_of_40_minutes_is_delivered_when_due_with_its_id_send_time_and_a_first_dequeue_count()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var queue = AwsStorage.CreateProvider(dynamoDb, sqs, time).GetQueue("timers");
        await queue.CreateIfNotExistsAsync();
        var sentAt = time.GetUtcNow();
        var id = await queue.SendAsync("timer", TimeSpan.FromMinutes(40));

        time.Advance(TimeSpan.FromMinutes(15));
        var firstHop = await queue.ReceiveAsync(10, VisibilityTimeout);
        time.Advance(TimeSpan.FromMinutes(15));
        var secondHop = await queue.ReceiveAsync(10, VisibilityTimeout);
        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var early = await queue.ReceiveAsync(10, VisibilityTimeout);
        time.Advance(TimeSpan.FromSeconds(1));
        var due = Assert.Single(await queue.ReceiveAsync(10, VisibilityTimeout));

        Assert.Empty(firstHop);
        Assert.Empty(secondHop);
        Assert.Empty(early);
        Assert.Equal((id, "timer", 1, sentAt), (due.MessageId, due.Body, due.DequeueCount, due.InsertedAt));
        Assert.True(await queue.CompleteAsync(due));
        Assert.Equal(0, await queue.CountAsync());
    }

    [Fact]
    public async Task A_hop_not_yet_due_costs_a_receive_a_send_and_a_delete()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var counter = new StorageRequestCounter("aws");
        var queue = AwsStorage.CreateProvider(dynamoDb, sqs, time, counter: counter).GetQueue("timers");
        await queue.CreateIfNotExistsAsync();
        await queue.SendAsync("timer", TimeSpan.FromHours(1));
        time.Advance(TimeSpan.FromMinutes(15));
        var before = counter.Snapshot();

        Assert.Empty(await queue.ReceiveAsync(1, VisibilityTimeout));

        Assert.Equal(
            new Dictionary<string, long> { ["queue.delete"] = 1, ["queue.receive"] = 2, ["queue.send"] = 1 },
            AwsReceiptLedgerTests.Difference(before, counter.Snapshot()));
    }
}
