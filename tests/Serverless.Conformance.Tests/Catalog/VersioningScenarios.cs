using Microsoft.DurableTask;
using Microsoft.DurableTask.Abstractions;
using Serverless.Conformance.Tests.Scenarios;
using Match = Microsoft.DurableTask.Worker.DurableTaskWorkerOptions.VersionMatchStrategy;
using Failure = Microsoft.DurableTask.Worker.DurableTaskWorkerOptions.VersionFailureStrategy;

namespace Serverless.Conformance.Tests.Catalog;

/// <summary>
/// Orchestration versioning: the version an instance records at its start, <c>context.Version</c> and a branch on it,
/// sub-orchestrations' versions, and the worker's match and failure strategies, Reject with a worker replaced mid-run.
/// </summary>
internal static class VersioningScenarios
{
    /// <summary>The version from which <see cref="BranchOrchestrator"/> takes its second branch.</summary>
    public const string BranchVersion = "2.0";

    /// <summary>The worker version of the match-strategy scenarios.</summary>
    public const string WorkerVersion = "2.0";

    /// <summary>Instance versions older, equal and newer than <see cref="WorkerVersion"/>, and none ("").</summary>
    public static IReadOnlyList<string> InstanceVersions { get; } = ["1.0", "2.0", "3.0", ""];

    /// <summary>The client's default version, no start option: the instance records "2.0", takes branch v2.</summary>
    public static Scenario ClientDefault { get; } = Branching(
        "versioning-client-default", new ScenarioVersioning("2.0", null, null));

    /// <summary>A start option's version wins over the client default: records "1.0", takes branch v1.</summary>
    public static Scenario StartOptionWins { get; } = Branching(
        "versioning-start-option-wins", new ScenarioVersioning("2.0", "1.0", null));

    /// <summary>No version anywhere: the instance records "" and takes branch v1.</summary>
    public static Scenario Unversioned { get; } = Branching(
        "versioning-none", new ScenarioVersioning(null, null, null));

    /// <summary>
    /// A parent started on "1.0" by a worker of version "2.0" (match None) starts one child without a version and one
    /// on "3.0"; output "parent|child|named" of the versions each saw.
    /// </summary>
    public static Scenario SubOrchestrations { get; } = Scenario.Start(
        "versioning-sub-orchestrations", Register, nameof(ParentOrchestrator)) with
    {
        Versioning = new ScenarioVersioning(null, "1.0", new WorkerVersioning(WorkerVersion, Match.None, Failure.Fail)),
    };

    /// <summary>The same parent on "1.0" with an unversioned worker.</summary>
    public static Scenario SubOrchestrationsUnversionedWorker { get; } = Scenario.Start(
        "versioning-sub-orchestrations-unversioned-worker", Register, nameof(ParentOrchestrator)) with
    {
        Versioning = new ScenarioVersioning(null, "1.0", null),
    };

    /// <summary>
    /// Every match strategy against every instance version of <see cref="InstanceVersions"/>, on a worker of
    /// <see cref="WorkerVersion"/> with failure strategy Fail.
    /// </summary>
    public static IReadOnlyList<Scenario> MatchWithFail { get; } =
    [
        .. from match in new[] { Match.None, Match.Strict, Match.CurrentOrOlder }
           from version in InstanceVersions
           select MatchScenario(match, version),
    ];

    /// <summary>
    /// A worker of "1.0" (CurrentOrOlder, Reject) is handed an instance of "2.0" and rejects it; a worker of "2.0"
    /// replaces it and completes the instance on branch v2.
    /// </summary>
    public static Scenario RejectedByOlderWorker { get; } = Branching(
        "versioning-reject-newer-instance-then-newer-worker",
        new ScenarioVersioning(null, "2.0", new WorkerVersioning("1.0", Match.CurrentOrOlder, Failure.Reject))
        {
            LaterWorker = new WorkerVersioning("2.0", Match.CurrentOrOlder, Failure.Reject),
        });

    /// <summary>
    /// A worker of "2.0" (Strict, Reject) is handed an instance of "1.0" and rejects it; a worker of "1.0" replaces
    /// it and completes the instance on branch v1.
    /// </summary>
    public static Scenario RejectedByStrictWorker { get; } = Branching(
        "versioning-reject-strict-then-matching-worker",
        new ScenarioVersioning(null, "1.0", new WorkerVersioning("2.0", Match.Strict, Failure.Reject))
        {
            LaterWorker = new WorkerVersioning("1.0", Match.Strict, Failure.Reject),
        });

    /// <summary>Every scenario of this catalog.</summary>
    public static IEnumerable<Scenario> All =>
    [
        ClientDefault,
        StartOptionWins,
        Unversioned,
        SubOrchestrations,
        SubOrchestrationsUnversionedWorker,
        .. MatchWithFail,
        RejectedByOlderWorker,
        RejectedByStrictWorker,
    ];

    /// <summary>The name of the match-strategy scenario of <paramref name="match"/> and an instance version.</summary>
    public static string MatchScenarioName(Match match, string instanceVersion)
        => $"versioning-{match}-fail-worker-{WorkerVersion}-instance-"
            + (instanceVersion.Length == 0 ? "unversioned" : instanceVersion);

    /// <summary>What <see cref="BranchOrchestrator"/> returns for an instance of <paramref name="version"/>.</summary>
    public static string BranchOutput(string version)
        => $"{(TaskOrchestrationVersioningUtils.CompareVersions(version, BranchVersion) >= 0 ? "v2" : "v1")} on "
            + $"'{version}'";

    private static Scenario MatchScenario(Match match, string version) => Branching(
        MatchScenarioName(match, version),
        new ScenarioVersioning(null, version, new WorkerVersioning(WorkerVersion, match, Failure.Fail)));

    private static Scenario Branching(string name, ScenarioVersioning versioning)
        => Scenario.Start(name, Register, nameof(BranchOrchestrator)) with { Versioning = versioning };

    private static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestrator(nameof(BranchOrchestrator), () => new BranchOrchestrator());
        registry.AddOrchestrator(nameof(ParentOrchestrator), () => new ParentOrchestrator());
        registry.AddOrchestratorFunc<string>("VersionOrchestrator", context => context.Version);
        registry.AddActivityFunc<string, string>("StepV1", (_, version) => $"v1 on '{version}'");
        registry.AddActivityFunc<string, string>("StepV2", (_, version) => $"v2 on '{version}'");
    }

    /// <summary>Branches on <c>context.Version</c> as a saga's next version would; a branch is an activity.</summary>
    private sealed class BranchOrchestrator : TaskOrchestrator<object?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input)
            => context.CallActivityAsync<string>(
                TaskOrchestrationVersioningUtils.CompareVersions(context.Version, BranchVersion) >= 0
                    ? "StepV2"
                    : "StepV1",
                context.Version);
    }

    private sealed class ParentOrchestrator : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
        {
            var child = await context.CallSubOrchestratorAsync<string>("VersionOrchestrator");
            var named = await context.CallSubOrchestratorAsync<string>(
                "VersionOrchestrator",
                options: new SubOrchestrationOptions { Version = "3.0" });
            return $"{context.Version}|{child}|{named}";
        }
    }
}
