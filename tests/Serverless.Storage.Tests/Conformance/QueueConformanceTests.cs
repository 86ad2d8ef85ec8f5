using Microsoft.Extensions.Time.Testing;
using Serverless.Storage.Queues;
using Xunit;

namespace Serverless.Storage.Tests.Conformance;

/// <summary>
/// The contract of <see cref="IQueue"/>, run by every backend: derive, supply a fresh provider, and every test here
/// runs against it. Time only moves when a test advances <see cref="Time"/>.
/// </summary>
public abstract partial class QueueConformanceTests : IAsyncLifetime
{
    /// <summary>The deliveries a message gets before it is poisoned, in every provider of this suite.</summary>
    protected const int MaxDequeueCount = 3;

    protected static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);

    private IStorageProvider? _provider;
    private IQueue? _queue;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected IStorageProvider Provider => _provider ?? throw new InvalidOperationException("Not initialized.");

    protected IQueue Queue => _queue ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _provider = CreateProvider(Time, new QueueOptions { MaxDequeueCount = MaxDequeueCount });
        _queue = _provider.GetQueue("work-items");
        await _queue.CreateIfNotExistsAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A provider with no data, whose time comes from <paramref name="time"/>.</summary>
    protected abstract IStorageProvider CreateProvider(TimeProvider time, QueueOptions queueOptions);

    /// <summary>
    /// Whether a poisoned message keeps its id in the poison queue (not where the service assigns ids on send).
    /// </summary>
    protected virtual bool PoisonCopyKeepsMessageId => true;

    protected async Task<QueueMessage> ReceiveOneAsync(IQueue? queue = null)
    {
        var messages = await (queue ?? Queue).ReceiveAsync(1, VisibilityTimeout);
        return Assert.Single(messages);
    }

    [Fact]
    public async Task Receive_from_an_empty_queue_returns_nothing()
    {
        var messages = await Queue.ReceiveAsync(10, VisibilityTimeout);

        Assert.Empty(messages);
    }

    [Fact]
    public async Task A_sent_message_is_received_with_its_id_body_send_time_and_a_dequeue_count_of_one()
    {
        var sentAt = Time.GetUtcNow();
        var id = await Queue.SendAsync("""{"order":42}""");
        Time.Advance(TimeSpan.FromSeconds(5));

        var message = await ReceiveOneAsync();

        Assert.Equal(
            (id, """{"order":42}""", 1, sentAt),
            (message.MessageId, message.Body, message.DequeueCount, message.InsertedAt));
    }

    [Fact]
    public async Task Receive_hands_out_the_oldest_messages_first_up_to_the_maximum()
    {
        foreach (var body in new[] { "first", "second", "third" })
        {
            await Queue.SendAsync(body);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        var firstBatch = await Queue.ReceiveAsync(2, VisibilityTimeout);
        var secondBatch = await Queue.ReceiveAsync(2, VisibilityTimeout);

        Assert.Equal(["first", "second"], firstBatch.Select(m => m.Body));
        Assert.Equal(["third"], secondBatch.Select(m => m.Body));
    }

    [Fact]
    public async Task Receive_rejects_a_maximum_below_one()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue.ReceiveAsync(0, VisibilityTimeout));
    }

    [Fact]
    public async Task Complete_deletes_the_message_for_good()
    {
        await Queue.SendAsync("m");
        var message = await ReceiveOneAsync();

        var completed = await Queue.CompleteAsync(message);
        Time.Advance(VisibilityTimeout * 2);

        Assert.True(completed);
        Assert.Equal(0, await Queue.CountAsync());
        Assert.Empty(await Queue.ReceiveAsync(10, VisibilityTimeout));
    }

    [Fact]
    public async Task Complete_returns_false_the_second_time()
    {
        await Queue.SendAsync("m");
        var message = await ReceiveOneAsync();
        await Queue.CompleteAsync(message);

        var completedAgain = await Queue.CompleteAsync(message);

        Assert.False(completedAgain);
    }

    [Fact]
    public async Task Count_includes_hidden_and_delayed_messages()
    {
        await Queue.SendAsync("visible");
        await Queue.SendAsync("hidden");
        await Queue.SendAsync("delayed", TimeSpan.FromMinutes(1));
        await Queue.ReceiveAsync(1, VisibilityTimeout);

        var count = await Queue.CountAsync();

        Assert.Equal(3, count);
    }

    [Fact]
    public async Task Queues_with_different_names_do_not_share_messages()
    {
        var other = Provider.GetQueue("other-items");
        await other.CreateIfNotExistsAsync();

        await Queue.SendAsync("mine");

        Assert.Empty(await other.ReceiveAsync(10, VisibilityTimeout));
        Assert.Equal(0, await other.CountAsync());
    }

    [Fact]
    public async Task Creating_a_queue_twice_keeps_its_messages()
    {
        await Queue.SendAsync("m");

        await Provider.GetQueue("work-items").CreateIfNotExistsAsync();

        Assert.Equal(1, await Queue.CountAsync());
    }
}
