using Serverless.Conformance.Tests.Catalog;

namespace Serverless.Conformance.Tests.Behaviour;

[Collection(ConformanceCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class ContinueAsNewTests(ConformanceFixture fixture)
{
    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task ContinueAsNew_carries_unprocessed_events_and_the_new_input_to_the_next_generation(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, ContinueAsNewScenarios.CarriesEvents);

        Assert.Equal("g0-A|g1-B", Outcomes.CompletedWith<string>(outcome));
        Assert.Equal("generation 1 awaiting second", Outcomes.CustomStatus<string>(outcome));
        Outcomes.Scheduled(outcome, "Append", "Append");
    }
}
