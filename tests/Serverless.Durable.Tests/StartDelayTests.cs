using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>The engine's measure of how long new orchestrations wait to begin, which admission control reads.</summary>
public sealed class StartDelayTests
{
    [Fact]
    public async Task An_orchestration_that_begins_late_reports_how_long_it_waited()
    {
        using var hub = TimerAndEventTests.CreateHub();
        await hub.StartAsync("Approval", 60);

        hub.Time.Advance(TimeSpan.FromSeconds(3));
        await hub.RunUntilIdleAsync();

        Assert.Equal(TimeSpan.FromSeconds(3), hub.Engine.StartDelays.Current);
    }

    [Fact]
    public async Task Nothing_is_reported_before_any_orchestration_began()
    {
        using var hub = TimerAndEventTests.CreateHub();
        await hub.StartAsync("Approval", 60);

        hub.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.Zero, hub.Engine.StartDelays.Current);
    }

    [Fact]
    public async Task A_reading_lapses_once_no_orchestration_has_begun_for_a_while()
    {
        using var hub = TimerAndEventTests.CreateHub();
        await hub.StartAsync("Approval", 60);
        hub.Time.Advance(TimeSpan.FromSeconds(3));
        await hub.RunUntilIdleAsync();

        hub.Time.Advance(hub.Engine.StartDelays.Freshness + TimeSpan.FromMilliseconds(1));

        Assert.Equal(TimeSpan.Zero, hub.Engine.StartDelays.Current);
    }

    [Fact]
    public async Task Later_episodes_of_a_running_orchestration_leave_the_reading_alone()
    {
        using var hub = TimerAndEventTests.CreateHub();
        var id = await hub.StartAsync("Approval", 60);
        await hub.RunUntilIdleAsync();
        var atStart = hub.Engine.StartDelays.Current;

        hub.Time.Advance(TimeSpan.FromMilliseconds(500));
        await hub.Client.RaiseEventAsync(id, "approve", "yes");
        await hub.RunUntilIdleAsync();

        Assert.Equal(TimeSpan.Zero, atStart);
        Assert.Equal(TimeSpan.Zero, hub.Engine.StartDelays.Current);
    }
}
