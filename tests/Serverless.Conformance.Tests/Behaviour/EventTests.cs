using Serverless.Conformance.Tests.Catalog;

namespace Serverless.Conformance.Tests.Behaviour;

[Collection(ConformanceCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class EventTests(ConformanceFixture fixture)
{
    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Event_raised_while_the_orchestration_waits_resumes_it_with_the_payload(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, EventScenarios.RaisedAfterWait);

        Assert.Equal("approved by alice", Outcomes.CompletedWith<string>(outcome));
        Assert.Equal("approved", Outcomes.CustomStatus<string>(outcome));
        Outcomes.Scheduled(outcome);
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Event_raised_before_its_wait_is_buffered_until_the_wait(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, EventScenarios.RaisedBeforeWait);

        Assert.Equal("AB", Outcomes.CompletedWith<string>(outcome));
        Outcomes.Scheduled(outcome);
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Of_two_waits_for_one_event_name_the_most_recent_takes_the_first_event(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, EventScenarios.TwoWaitsForOneName);

        Assert.Equal("older=2 newer=1", Outcomes.CompletedWith<string>(outcome));
        Outcomes.Scheduled(outcome);
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Event_wait_with_a_timeout_throws_TaskCanceledException_when_the_timer_fires_first(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, EventScenarios.WaitTimesOut);

        // Not TimeoutException: the SDK's WaitForExternalEvent(name, timeout) cancels the wait, and the wait's task
        // is cancelled with a TaskCanceledException.
        Assert.Equal(
            "System.Threading.Tasks.TaskCanceledException; is OperationCanceledException: True",
            Outcomes.CompletedWith<string>(outcome));
        Outcomes.Scheduled(outcome, "timer");
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task WhenAny_of_event_and_timer_takes_the_event_when_it_comes_first(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, EventScenarios.EventBeatsTimer);

        Assert.Equal("event: alice", Outcomes.CompletedWith<string>(outcome));
        Outcomes.Scheduled(outcome, "timer");
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task WhenAny_of_event_and_timer_takes_the_timer_when_no_event_comes(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, EventScenarios.TimerBeatsEvent);

        Assert.Equal("timer", Outcomes.CompletedWith<string>(outcome));
        Outcomes.Scheduled(outcome, "timer");
    }
}
