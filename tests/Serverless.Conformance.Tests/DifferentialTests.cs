using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests;

/// <summary>
/// Every scenario, on every runtime, reaches the same outcome as on the reference runtime (the SDK's in-memory
/// replay): status, output and custom status as JSON, the chain of failure types, the scheduled sequence, the version
/// recorded at the start and, for versioning scenarios, the failure message and the status while a worker rejected it.
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
        AssertExclusionHolds(ConformanceFixture.RuntimeNames[0], scenarioName, reference);
        foreach (var runtime in ConformanceFixture.RuntimeNames.Skip(1))
        {
            var outcome = await fixture.OutcomeAsync(runtime, scenario);
            var where = $"{runtime} vs {ConformanceFixture.RuntimeNames[0]}:\n  {outcome}\n  {reference}";
            AssertExclusionHolds(runtime, scenarioName, outcome);
            Assert.True(
                reference.StatusWhileRejected == outcome.StatusWhileRejected,
                $"status while rejected differs, {where}");
            if (reference.Stranded is not null || outcome.Stranded is not null)
            {
                // A documented exclusion: one of the two runs ended early, so only its first part compares; the
                // behaviour tests pin the end of the runs that reach it.
                continue;
            }

            Assert.True(reference.Status == outcome.Status, $"status differs, {where}");
            Assert.True(
                FailureTypes(reference.Failure).SequenceEqual(FailureTypes(outcome.Failure)),
                $"failure types differ, {where}");
            Assert.True(reference.Scheduled.SequenceEqual(outcome.Scheduled), $"scheduled sequence differs, {where}");
            Assert.True(
                SameJson(reference.CustomStatusJson, outcome.CustomStatusJson),
                $"custom status differs, {where}");
            Assert.True(reference.AfterFinish == outcome.AfterFinish, $"after-finish probe differs, {where}");
            Assert.True(reference.Version == outcome.Version, $"recorded version differs, {where}");
            if (scenario.Versioning is not null)
            {
                // A version mismatch's message is the SDK's own text on every runtime, so it is compared too.
                Assert.True(
                    reference.Failure?.Message == outcome.Failure?.Message,
                    $"failure message differs, {where}");
            }

            if (reference.Status == OrchestrationRuntimeStatus.Completed)
            {
                // A failed instance's output is the failure message, not JSON; the failure types are compared above.
                Assert.True(SameJson(reference.OutputJson, outcome.OutputJson), $"output differs, {where}");
            }
        }
    }

    // An excluded run must still show its reason (a fixed runtime fails here until its exclusion goes); no other run
    // may end early.
    private static void AssertExclusionHolds(string runtime, string scenarioName, ScenarioOutcome outcome)
        => Assert.True(
            ConformanceExclusions.Reason(runtime, scenarioName) == outcome.Stranded,
            $"{runtime} on {scenarioName}: documented exclusion "
            + $"[{ConformanceExclusions.Reason(runtime, scenarioName) ?? "none"}], run: {outcome}");

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
