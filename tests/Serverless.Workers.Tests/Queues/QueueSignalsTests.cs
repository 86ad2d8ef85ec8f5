using Microsoft.Extensions.Time.Testing;
using Serverless.Workers.Queues;
using Xunit;

namespace Serverless.Workers.Tests.Queues;

/// <summary>In-process wake-ups of idle pollers, on a fake clock.</summary>
public sealed class QueueSignalsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_delayed_wake_up_of_all_pollers_wakes_every_armed_queue_when_due_and_not_before()
    {
        var signals = new QueueSignals(_time);
        var orchestrations = signals.Arm("orchestrations");
        var payments = signals.Arm("payments");

        signals.NotifyAllWhenDue(TimeSpan.FromSeconds(6));
        _time.Advance(TimeSpan.FromSeconds(5));
        var early = (orchestrations.IsCompleted, payments.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal((false, false), early);
        Assert.True(orchestrations.IsCompleted);
        Assert.True(payments.IsCompleted);
    }

    [Fact]
    public void A_delayed_wake_up_of_one_queue_leaves_the_others_waiting()
    {
        var signals = new QueueSignals(_time);
        var orchestrations = signals.Arm("orchestrations");
        var payments = signals.Arm("payments");

        signals.NotifyWhenDue("payments", TimeSpan.FromSeconds(2));
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(orchestrations.IsCompleted);
        Assert.True(payments.IsCompleted);
    }
}
