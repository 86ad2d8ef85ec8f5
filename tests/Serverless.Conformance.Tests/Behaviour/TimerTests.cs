using Serverless.Conformance.Tests.Catalog;

namespace Serverless.Conformance.Tests.Behaviour;

[Collection(ConformanceCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class TimerTests(ConformanceFixture fixture)
{
    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Durable_timer_resumes_the_orchestration_in_a_later_episode(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, TimerScenarios.Fires);

        Assert.True(Outcomes.CompletedWith<bool>(outcome));
        Outcomes.Scheduled(outcome, "timer");
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Cancelled_timer_does_not_keep_the_orchestration_from_completing(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, TimerScenarios.Cancelled);

        Assert.Equal("activity won", Outcomes.CompletedWith<string>(outcome));
        Outcomes.Scheduled(outcome, "timer", "Echo");
    }
}
