using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Time.Testing;
using Serverless.Storage.Aws;
using Serverless.Storage.Aws.Configuration;
using Serverless.Storage.Queues;
using Serverless.Testing.DynamoDb;
using Serverless.Testing.Sqs;
using Xunit;

namespace Serverless.Storage.Tests.Aws;

/// <summary>
/// Lambda mode: a message an event source mapping received (here a plain SQS receive) is adopted by the provider and
/// then settled as one it received itself; a hop not yet due and a message past its last delivery are dealt with as on
/// a receive.
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
[Trait(Tier.Trait, Tier.Aws)]
public sealed class AwsAdoptedDeliveryTests(DynamoDbLocalFixture dynamoDb, FauxqsFixture sqs)
{
    private const string Queue = "work";
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SqsConnection _connection = AwsStorage.Connection(sqs);

    [Fact]
    public async Task An_adopted_message_completed_through_the_port_is_deleted_and_is_no_longer_the_receivers()
    {
        var (provider, client) = await CreateAsync();
        await provider.GetQueue(Queue).SendAsync("body");
        var received = await ReceiveAsync(client);

        var message = await provider.AdoptAsync(Queue, received, _time.GetUtcNow() + Visibility);

        Assert.NotNull(message);
        Assert.Equal(("body", 1), (message.Body, message.DequeueCount));
        Assert.True(await provider.GetQueue(Queue).CompleteAsync(message));
        Assert.False(provider.Relinquish(Queue, message));
        Assert.Equal(0, await provider.GetQueue(Queue).CountAsync());
    }

    [Fact]
    public async Task An_adopted_message_abandoned_comes_back_after_its_delay_with_its_next_dequeue_count()
    {
        var (provider, client) = await CreateAsync();
        var id = await provider.GetQueue(Queue).SendAsync("body");
        var first = await provider.AdoptAsync(Queue, await ReceiveAsync(client), _time.GetUtcNow() + Visibility);

        Assert.True(await provider.GetQueue(Queue).AbandonAsync(first!, TimeSpan.FromSeconds(5)));
        Assert.Empty(await ReceiveAllAsync(client));
        _time.Advance(TimeSpan.FromSeconds(5));
        var again = await provider.AdoptAsync(Queue, await ReceiveAsync(client), _time.GetUtcNow() + Visibility);

        Assert.Equal((id, 2), (again!.MessageId, again.DequeueCount));
    }

    [Fact]
    public async Task A_relinquished_message_is_left_to_its_receiver_and_can_no_longer_be_settled_here()
    {
        var (provider, client) = await CreateAsync();
        await provider.GetQueue(Queue).SendAsync("body");
        var message = await provider.AdoptAsync(Queue, await ReceiveAsync(client), _time.GetUtcNow() + Visibility);

        Assert.True(provider.Relinquish(Queue, message!));

        Assert.False(await provider.GetQueue(Queue).CompleteAsync(message!));
        Assert.Equal(1, await provider.GetQueue(Queue).CountAsync());
    }

    [Fact]
    public async Task A_hop_adopted_before_it_is_due_is_sent_on_and_delivered_when_due()
    {
        var (provider, client) = await CreateAsync();
        var id = await provider.GetQueue(Queue).SendAsync("timer", TimeSpan.FromMinutes(20));
        _time.Advance(TimeSpan.FromMinutes(15));

        var early = await provider.AdoptAsync(Queue, await ReceiveAsync(client), _time.GetUtcNow() + Visibility);
        _time.Advance(TimeSpan.FromMinutes(5));
        var due = await provider.AdoptAsync(Queue, await ReceiveAsync(client), _time.GetUtcNow() + Visibility);

        Assert.Null(early);
        Assert.Equal((id, "timer", 1), (due!.MessageId, due.Body, due.DequeueCount));
    }

    [Fact]
    public async Task A_message_past_its_last_delivery_goes_to_the_poison_queue_instead_of_running()
    {
        var (provider, client) = await CreateAsync(maxDequeueCount: 1);
        var id = await provider.GetQueue(Queue).SendAsync("bad");
        var first = await provider.AdoptAsync(Queue, await ReceiveAsync(client), _time.GetUtcNow() + Visibility);
        Assert.True(await provider.GetQueue(Queue).AbandonAsync(first!, TimeSpan.Zero));

        var second = await provider.AdoptAsync(Queue, await ReceiveAsync(client), _time.GetUtcNow() + Visibility);

        Assert.Null(second);
        Assert.Equal(0, await provider.GetQueue(Queue).CountAsync());
        var poison = provider.GetQueue(StorageNames.PoisonQueueFor(Queue));
        var poisoned = Assert.Single(await poison.ReceiveAsync(1, Visibility));
        Assert.Equal(id, poisoned.MessageId);
    }

    [Fact]
    public async Task A_queue_name_in_sqs_maps_back_to_the_ports_name_only_under_this_prefix()
    {
        var (provider, _) = await CreateAsync();

        Assert.Equal("order-events", provider.QueueNameOf(_connection.QueueName("order-events")));
        Assert.Null(provider.QueueNameOf("other-order-events"));
    }

    private async Task<(AwsStorageProvider Provider, IAmazonSQS Client)> CreateAsync(int maxDequeueCount = 5)
    {
        var client = new FauxqsClockClient(_time, DynamoDbLocalStorage.Credentials, SqsClients.Config(_connection));
        var provider = new AwsStorageProvider(
            DynamoDbLocalStorage.CreateStore(dynamoDb, _time),
            client,
            _connection,
            new AwsStorageOptions { Queues = new QueueOptions { MaxDequeueCount = maxDequeueCount } },
            _time);
        await provider.GetQueue(Queue).CreateIfNotExistsAsync();
        return (provider, client);
    }

    // As an event source mapping receives: up to ten, with every attribute.
    private async Task<Message> ReceiveAsync(IAmazonSQS client) => Assert.Single(await ReceiveAllAsync(client));

    private async Task<List<Message>> ReceiveAllAsync(IAmazonSQS client)
    {
        var url = (await client.GetQueueUrlAsync(_connection.QueueName(Queue))).QueueUrl;
        var response = await client.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url,
            MaxNumberOfMessages = 10,
            VisibilityTimeout = (int)Visibility.TotalSeconds,
            MessageSystemAttributeNames = ["All"],
            MessageAttributeNames = ["All"],
        });
        return response.Messages ?? [];
    }
}
