using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests;

/// <summary>
/// Every scenario, on every runtime, reaches the same outcome as on the reference runtime (the SDK's in-memory
/// replay): status, output and custom status as JSON, the chain of failure types, and the scheduled sequence.
/// </summary>
[Collection(ConformanceCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class DifferentialTests(ConformanceFixture fixture)
{
    [Fact]
    public void Suite_compares_more_than_one_runtime()
        => Assert.True(
            ConformanceFixture.RuntimeNames.Count >= 2,
            "A differential suite of one runtime compares nothing.");

    [Theory]
    [MemberData(nameof(ConformanceScenarios.Names), MemberType = typeof(ConformanceScenarios))]
    public async Task Every_runtime_reaches_the_reference_outcome(string scenarioName)
    {
        var scenario = ConformanceScenarios.Get(scenarioName);
        var reference = await fixture.OutcomeAsync(ConformanceFixture.RuntimeNames[0], scenario);
        foreach (var runtime in ConformanceFixture.RuntimeNames.Skip(1))
        {
            var outcome = await fixture.OutcomeAsync(runtime, scenario);
            var where = $"{runtime} vs {ConformanceFixture.RuntimeNames[0]}:\n  {outcome}\n  {reference}";

            Assert.True(reference.Status == outcome.Status, $"status differs, {where}");
            Assert.True(
                FailureTypes(reference.Failure).SequenceEqual(FailureTypes(outcome.Failure)),
                $"failure types differ, {where}");
            Assert.True(reference.Scheduled.SequenceEqual(outcome.Scheduled), $"scheduled sequence differs, {where}");
            Assert.True(
                SameJson(reference.CustomStatusJson, outcome.CustomStatusJson),
                $"custom status differs, {where}");
            Assert.True(reference.AfterFinish == outcome.AfterFinish, $"after-finish probe differs, {where}");
            if (reference.Status == OrchestrationRuntimeStatus.Completed)
            {
                // A failed instance's output is the failure message, not JSON; the failure types are compared above.
                Assert.True(SameJson(reference.OutputJson, outcome.OutputJson), $"output differs, {where}");
            }
        }
    }

    private static IEnumerable<string> FailureTypes(FailureOutcome? failure)
    {
        for (var current = failure; current is not null; current = current.Inner)
        {
            yield return current.ErrorType;
        }
    }

    // No value reads as null, "" or "null" depending on the backend (the in-memory one gives null, Azure Storage "").
    private static bool SameJson(string? expected, string? actual)
        => JsonNode.DeepEquals(Parse(expected), Parse(actual));

    private static JsonNode? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonNode.Parse(json);
}
