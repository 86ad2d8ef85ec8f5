using Microsoft.DurableTask.Client;
using Serverless.Conformance.Tests.Catalog;
using Match = Microsoft.DurableTask.Worker.DurableTaskWorkerOptions.VersionMatchStrategy;

namespace Serverless.Conformance.Tests.Behaviour;

/// <summary>
/// Orchestration versioning on every runtime (<see cref="VersioningScenarios"/>): what each run must show, beyond
/// being the same as the reference (<see cref="DifferentialTests"/>).
/// </summary>
[Collection(ConformanceCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class VersioningTests(ConformanceFixture fixture)
{
    private const string Mismatch = "VersionMismatch";

    /// <summary>
    /// Every runtime with every match strategy and instance version on a worker of "2.0" with Fail, and the failure
    /// message expected (null: the instance completes on the branch of its version).
    /// </summary>
    public static TheoryData<string, Match, string, string?> MatchCases
    {
        get
        {
            (Match, string, string?)[] cases =
            [
                (Match.None, "1.0", null),
                (Match.None, "2.0", null),
                (Match.None, "3.0", null),
                (Match.None, "", null),
                (Match.Strict, "1.0", "The orchestration version '1.0' does not match the worker version '2.0'."),
                (Match.Strict, "2.0", null),
                (Match.Strict, "3.0", "The orchestration version '3.0' does not match the worker version '2.0'."),
                (Match.Strict, "", "The orchestration version '' does not match the worker version '2.0'."),
                (Match.CurrentOrOlder, "1.0", null),
                (Match.CurrentOrOlder, "2.0", null),
                (Match.CurrentOrOlder,
                    "3.0",
                    "The orchestration version '3.0' is greater than the worker version '2.0'."),
                (Match.CurrentOrOlder, "", null),
            ];
            var data = new TheoryData<string, Match, string, string?>();
            foreach (var runtime in ConformanceFixture.RuntimeNames)
            {
                foreach (var (match, version, failure) in cases)
                {
                    data.Add(runtime, match, version, failure);
                }
            }

            return data;
        }
    }

    /// <summary>
    /// Every runtime with each Reject scenario and its documented exclusion, if any (why the run cannot reach its
    /// end there); the test asserts the exclusion still holds.
    /// </summary>
    public static TheoryData<string, string, string?> RejectCases
    {
        get
        {
            var data = new TheoryData<string, string, string?>();
            foreach (var runtime in ConformanceFixture.RuntimeNames)
            {
                foreach (var scenario in new[]
                {
                    VersioningScenarios.RejectedByOlderWorker, VersioningScenarios.RejectedByStrictWorker,
                })
                {
                    data.Add(runtime, scenario.Name, ConformanceExclusions.Reason(runtime, scenario.Name));
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task An_instance_records_the_client_default_version_and_branches_on_it(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, VersioningScenarios.ClientDefault);

        Assert.Equal("2.0", outcome.Version);
        Assert.Equal("v2 on '2.0'", Outcomes.CompletedWith<string>(outcome));
        Outcomes.Scheduled(outcome, "StepV2");
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task A_start_option_version_wins_over_the_client_default(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, VersioningScenarios.StartOptionWins);

        Assert.Equal("1.0", outcome.Version);
        Assert.Equal("v1 on '1.0'", Outcomes.CompletedWith<string>(outcome));
        Outcomes.Scheduled(outcome, "StepV1");
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task With_no_version_configured_an_instance_records_none_and_context_Version_is_empty(
        string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, VersioningScenarios.Unversioned);

        Assert.Equal(string.Empty, outcome.Version);
        Assert.Equal("v1 on ''", Outcomes.CompletedWith<string>(outcome));
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task A_sub_orchestration_starts_on_the_worker_default_version_unless_its_options_name_one(
        string runtime)
    {
        // "parent|child|named": the child without a version does not inherit its parent's "1.0".
        var outcome = await fixture.OutcomeAsync(runtime, VersioningScenarios.SubOrchestrations);

        Assert.Equal("1.0|2.0|3.0", Outcomes.CompletedWith<string>(outcome));
        Outcomes.Scheduled(outcome, "sub:VersionOrchestrator", "sub:VersionOrchestrator");
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task On_an_unversioned_worker_a_sub_orchestration_without_a_version_has_none(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, VersioningScenarios.SubOrchestrationsUnversionedWorker);

        Assert.Equal("1.0||3.0", Outcomes.CompletedWith<string>(outcome));
    }

    [Theory]
    [MemberData(nameof(MatchCases))]
    public async Task A_worker_with_Fail_runs_or_fails_an_instance_by_its_match_strategy(
        string runtime,
        Match match,
        string instanceVersion,
        string? failure)
    {
        var outcome = await fixture.OutcomeAsync(
            runtime,
            ConformanceScenarios.Get(VersioningScenarios.MatchScenarioName(match, instanceVersion)));

        Assert.Equal(instanceVersion, outcome.Version);
        if (failure is null)
        {
            Assert.Equal(VersioningScenarios.BranchOutput(instanceVersion), Outcomes.CompletedWith<string>(outcome));
            return;
        }

        var failed = Outcomes.Failed(outcome);
        Assert.Equal(Mismatch, failed.ErrorType);
        Assert.Equal(failure, failed.Message);
        Assert.Null(failed.Inner);
        Outcomes.Scheduled(outcome);
    }

    [Theory]
    [MemberData(nameof(RejectCases))]
    public async Task A_worker_with_Reject_leaves_the_instance_unfailed_for_a_worker_of_its_version(
        string runtime,
        string scenarioName,
        string? exclusion)
    {
        var outcome = await fixture.OutcomeAsync(runtime, ConformanceScenarios.Get(scenarioName));

        Assert.Equal(OrchestrationRuntimeStatus.Pending, outcome.StatusWhileRejected);
        Assert.Equal(exclusion, outcome.Stranded);
        if (exclusion is not null)
        {
            // Documented: the rejected work cannot reach the next worker here; what the run reached is checked.
            Assert.Equal(OrchestrationRuntimeStatus.Pending, outcome.Status);
            Assert.Null(outcome.Failure);
            return;
        }

        var version = scenarioName == VersioningScenarios.RejectedByOlderWorker.Name ? "2.0" : "1.0";
        Assert.Equal(version, outcome.Version);
        Assert.Equal(VersioningScenarios.BranchOutput(version), Outcomes.CompletedWith<string>(outcome));
    }
}
