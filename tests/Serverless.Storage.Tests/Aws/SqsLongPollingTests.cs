using Microsoft.Extensions.Time.Testing;
using Serverless.Storage.Aws;
using Serverless.Storage.Diagnostics;
using Serverless.Storage.Queues;
using Serverless.Testing;
using Serverless.Testing.DynamoDb;
using Serverless.Testing.Sqs;
using Xunit;

namespace Serverless.Storage.Tests.Aws;

/// <summary>
/// A receive offered a wait long-polls SQS: it waits on the server, in whole seconds up to the provider's most, returns
/// as soon as a message is there, and counts what it hands out hidden from when the request was sent, for the wait
/// longer than asked, since SQS starts the clock when it hands a message out.
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
[Trait(Tier.Trait, Tier.Aws)]
public sealed class SqsLongPollingTests(DynamoDbLocalFixture dynamoDb, FauxqsFixture sqs)
{
    private const string Queue = "waited";
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_receive_waiting_on_an_empty_queue_hands_out_a_message_sent_meanwhile_in_one_request()
    {
        using var counter = new StorageRequestCounter("aws");
        var prefix = AwsStorage.UniquePrefix();
        var queue = AwsStorage.CreateProvider(dynamoDb, sqs, queuePrefix: prefix, counter: counter).GetQueue(Queue);
        await queue.CreateIfNotExistsAsync();
        var receive = queue.ReceiveAsync(1, Visibility, TimeSpan.FromSeconds(20));
        await Eventually.TrueAsync(
            () => counter.Snapshot().GetValueOrDefault(StorageOperationKinds.QueueReceive) == 1,
            "the receive is sent");

        await AwsStorage.CreateProvider(dynamoDb, sqs, queuePrefix: prefix).GetQueue(Queue).SendAsync("meanwhile");

        // Well before the 20 s wait ends.
        var message = Assert.Single(await receive.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal("meanwhile", message.Body);
        Assert.Equal(1, counter.Snapshot()[StorageOperationKinds.QueueReceive]);
        Assert.True(await queue.CompleteAsync(message));
    }

    [Theory]
    [InlineData(0, 20, 0)]
    [InlineData(10, 20, 1)]
    [InlineData(2500, 20, 3)]
    [InlineData(60_000, 20, 20)]
    [InlineData(60_000, 5, 5)]
    [InlineData(60_000, 0, 0)]
    public async Task A_receive_asks_SQS_to_wait_its_wait_rounded_up_to_seconds_at_most_the_providers_most(
        int waitMs,
        int maxWaitSeconds,
        int expectedSeconds)
    {
        var connection = AwsStorage.Connection(sqs);
        var client = new WaitRecordingSqsClient(DynamoDbLocalStorage.Credentials, SqsClients.Config(connection));
        var queue = new AwsStorageProvider(
            DynamoDbLocalStorage.CreateStore(dynamoDb),
            client,
            connection,
            new AwsStorageOptions { MaxReceiveWait = TimeSpan.FromSeconds(maxWaitSeconds) }).GetQueue(Queue);
        await queue.CreateIfNotExistsAsync();
        for (var i = 0; i < 12; i++)
        {
            await queue.SendAsync("m" + i);
        }

        // Messages wait, so no receive waits; asking for 12 takes two requests, and only the first may wait.
        var received = await queue.ReceiveAsync(12, Visibility, TimeSpan.FromMilliseconds(waitMs));

        Assert.Equal(12, received.Count);
        Assert.Equal([expectedSeconds, 0], client.Waits);
    }

    [Fact]
    public async Task A_delivery_of_a_receive_that_may_wait_is_hidden_and_settled_for_the_wait_longer_never_past_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var queue = AwsStorage.CreateProvider(dynamoDb, sqs, time, maxReceiveWait: TimeSpan.FromSeconds(20))
            .GetQueue(Queue);
        await queue.CreateIfNotExistsAsync();

        // Offered 5 s, the receive asks SQS to hide what it hands out for 10 + 5 s: counted from the request, that
        // still covers the 10 s if SQS handed it out at the end of the wait. Settled until 1 s before.
        await queue.SendAsync("settled in time");
        var inTime = Assert.Single(await queue.ReceiveAsync(1, Visibility, TimeSpan.FromSeconds(5)));
        time.Advance(TimeSpan.FromSeconds(13));
        Assert.Empty(await queue.ReceiveAsync(10, Visibility));
        Assert.True(await queue.CompleteAsync(inTime));

        await queue.SendAsync("settled too late");
        var late = Assert.Single(await queue.ReceiveAsync(1, Visibility, TimeSpan.FromSeconds(5)));
        time.Advance(TimeSpan.FromSeconds(14));
        Assert.False(await queue.CompleteAsync(late));
        time.Advance(TimeSpan.FromSeconds(1));
        var again = Assert.Single(await queue.ReceiveAsync(10, Visibility));
        Assert.Equal(("settled too late", 2), (again.Body, again.DequeueCount));
    }
}
