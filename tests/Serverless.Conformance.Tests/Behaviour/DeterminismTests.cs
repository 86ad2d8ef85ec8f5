using Serverless.Conformance.Tests.Catalog;
using Serverless.Conformance.Tests.Catalog.Tasks;

namespace Serverless.Conformance.Tests.Behaviour;

[Collection(ConformanceCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class DeterminismTests(ConformanceFixture fixture)
{
    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Custom_status_set_by_the_orchestrator_is_visible_to_the_client(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, StatusAndDeterminismScenarios.CustomStatus);

        Assert.Equal("done", Outcomes.CompletedWith<string>(outcome));
        Assert.Equal(new AppendRequest("stage", "charged"), Outcomes.CustomStatus<AppendRequest>(outcome));
        Outcomes.Scheduled(outcome, "Echo");
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task NewGuid_returns_the_same_guids_on_replay_and_distinct_guids_in_sequence(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, StatusAndDeterminismScenarios.NewGuidIsReplaySafe);

        Assert.Equal("same on replay: True, distinct: True", Outcomes.CompletedWith<string>(outcome));
        Outcomes.Scheduled(outcome, "Echo");
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Orchestrator_that_schedules_something_else_on_replay_fails_as_non_deterministic(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, StatusAndDeterminismScenarios.NonDeterminism);

        var failure = Outcomes.Failed(outcome);
        Assert.Equal("DurableTask.Core.Exceptions.NonDeterministicOrchestrationException", failure.ErrorType);
        Assert.StartsWith("Non-Deterministic workflow detected: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'StepA'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'StepB'", failure.Message, StringComparison.Ordinal);

        // The history keeps StepA; DurableTask.Core also commits the StepB the failing replay scheduled.
        Assert.Equal("StepA", outcome.Scheduled[0].Name);
    }
}
