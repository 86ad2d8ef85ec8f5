using Xunit;

namespace Serverless.Storage.Tests.Conformance;

public abstract partial class QueueConformanceTests
{
    [Fact]
    public async Task A_received_message_stays_hidden_until_its_visibility_timeout_ends()
    {
        await Queue.SendAsync("m");
        await ReceiveOneAsync();

        Time.Advance(VisibilityTimeout - TimeSpan.FromSeconds(1));

        Assert.Empty(await Queue.ReceiveAsync(10, VisibilityTimeout));
    }

    [Fact]
    public async Task A_message_reappears_after_its_visibility_timeout_with_its_dequeue_count_incremented()
    {
        var id = await Queue.SendAsync("m");
        await ReceiveOneAsync();

        Time.Advance(VisibilityTimeout);
        var again = await ReceiveOneAsync();

        Assert.Equal((id, "m", 2), (again.MessageId, again.Body, again.DequeueCount));
    }

    [Fact]
    public async Task Each_delivery_gets_a_new_pop_receipt()
    {
        await Queue.SendAsync("m");
        var first = await ReceiveOneAsync();

        Time.Advance(VisibilityTimeout);
        var second = await ReceiveOneAsync();

        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
    }

    [Fact]
    public async Task Complete_returns_false_when_the_pop_receipt_is_stale()
    {
        await Queue.SendAsync("m");
        var stale = await ReceiveOneAsync();
        Time.Advance(VisibilityTimeout);
        var current = await ReceiveOneAsync();

        var completedWithStale = await Queue.CompleteAsync(stale);

        Assert.False(completedWithStale);
        Assert.Equal(1, await Queue.CountAsync());
        Assert.True(await Queue.CompleteAsync(current));
    }

    [Fact]
    public async Task A_delayed_message_is_invisible_until_it_is_due()
    {
        await Queue.SendAsync("later", TimeSpan.FromMinutes(2));

        Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        var early = await Queue.ReceiveAsync(10, VisibilityTimeout);
        Time.Advance(TimeSpan.FromSeconds(1));
        var due = await Queue.ReceiveAsync(10, VisibilityTimeout);

        Assert.Empty(early);
        Assert.Equal(["later"], due.Select(m => m.Body));
    }

    [Fact]
    public async Task A_delayed_message_does_not_hold_back_messages_sent_after_it()
    {
        await Queue.SendAsync("later", TimeSpan.FromMinutes(2));
        await Queue.SendAsync("now");

        var messages = await Queue.ReceiveAsync(10, VisibilityTimeout);

        Assert.Equal(["now"], messages.Select(m => m.Body));
    }

    [Fact]
    public async Task Abandon_makes_the_message_visible_again_after_the_delay()
    {
        await Queue.SendAsync("m");
        var message = await ReceiveOneAsync();

        var abandoned = await Queue.AbandonAsync(message, TimeSpan.FromSeconds(10));
        Time.Advance(TimeSpan.FromSeconds(9));
        var early = await Queue.ReceiveAsync(10, VisibilityTimeout);
        Time.Advance(TimeSpan.FromSeconds(1));
        var due = await ReceiveOneAsync();

        Assert.True(abandoned);
        Assert.Empty(early);
        Assert.Equal(("m", 2), (due.Body, due.DequeueCount));
    }

    [Fact]
    public async Task Abandon_without_a_delay_makes_the_message_visible_at_once()
    {
        await Queue.SendAsync("m");
        var message = await ReceiveOneAsync();

        await Queue.AbandonAsync(message, TimeSpan.Zero);

        Assert.Equal("m", (await ReceiveOneAsync()).Body);
    }

    [Fact]
    public async Task Abandon_returns_false_when_the_pop_receipt_is_stale()
    {
        await Queue.SendAsync("m");
        var stale = await ReceiveOneAsync();
        Time.Advance(VisibilityTimeout);
        var current = await ReceiveOneAsync();

        var abandoned = await Queue.AbandonAsync(stale, TimeSpan.Zero);

        Assert.False(abandoned);
        Assert.Empty(await Queue.ReceiveAsync(10, VisibilityTimeout));
        Assert.True(await Queue.CompleteAsync(current));
    }

    [Fact]
    public async Task Complete_after_abandon_returns_false()
    {
        await Queue.SendAsync("m");
        var message = await ReceiveOneAsync();
        await Queue.AbandonAsync(message, TimeSpan.FromMinutes(1));

        var completed = await Queue.CompleteAsync(message);

        Assert.False(completed);
        Assert.Equal(1, await Queue.CountAsync());
    }
}
