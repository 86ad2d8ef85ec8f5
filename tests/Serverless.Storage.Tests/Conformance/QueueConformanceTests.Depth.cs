using Serverless.Storage.Queues;
using Xunit;

namespace Serverless.Storage.Tests.Conformance;

/// <summary>A queue's depth split into ready and scheduled messages, with the oldest ready message's wait.</summary>
public abstract partial class QueueConformanceTests
{
    /// <summary>
    /// Whether the depth is an estimate and the oldest ready message's wait counts from its send rather than from when
    /// it became visible (Azure Storage Queues: one approximate count, a peek that does not say when a message became
    /// visible).
    /// </summary>
    protected virtual bool DepthIsApproximate => false;

    [Fact]
    public async Task Depth_of_a_queue_holding_only_delayed_messages_is_all_scheduled_with_nothing_ready()
    {
        await Queue.SendAsync("timer", TimeSpan.FromHours(1));
        await Queue.SendAsync("back-off", TimeSpan.FromSeconds(30));

        var depth = await Administration.GetDepthAsync(Queue.Name);

        Assert.Equal((0, 2, null, DepthIsApproximate), (depth.Ready, depth.Scheduled, depth.OldestReadySince,
            depth.IsApproximate));
    }

    [Fact]
    public async Task Depth_counts_visible_messages_as_ready_since_the_oldest_was_sent_and_the_rest_as_scheduled()
    {
        await Queue.SendAsync("timer", TimeSpan.FromHours(1));
        await Queue.SendAsync("being-handled");
        Time.Advance(TimeSpan.FromSeconds(5));
        var oldestWaitingSent = Time.GetUtcNow();
        await Queue.SendAsync("oldest-waiting");
        Time.Advance(TimeSpan.FromSeconds(5));
        await Queue.SendAsync("second");
        await Queue.SendAsync("third");
        Assert.Equal("being-handled", (await ReceiveOneAsync()).Body);

        var depth = await Administration.GetDepthAsync(Queue.Name);

        Assert.Equal((3, 2, oldestWaitingSent), (depth.Ready, depth.Scheduled, depth.OldestReadySince));
        Assert.Equal(5, depth.Total);
    }

    [Fact]
    public async Task A_delayed_message_that_falls_due_is_ready_and_waits_from_when_it_became_visible_where_known()
    {
        var sentAt = Time.GetUtcNow();
        await Queue.SendAsync("timer", TimeSpan.FromMinutes(10));
        Time.Advance(TimeSpan.FromMinutes(11));

        var depth = await Administration.GetDepthAsync(Queue.Name);

        Assert.Equal((1, 0), (depth.Ready, depth.Scheduled));
        Assert.Equal(DepthIsApproximate ? sentAt : sentAt.AddMinutes(10), depth.OldestReadySince);
    }

    [Fact]
    public async Task Depth_of_an_empty_queue_is_zero_with_no_oldest_ready_message()
    {
        var depth = await Administration.GetDepthAsync(Queue.Name);

        Assert.Equal((0, 0, null), (depth.Ready, depth.Scheduled, depth.OldestReadySince));
    }
}
