using Microsoft.DurableTask.Worker;
using Serverless.Durable;

namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>
/// A worker's versioning: its version, which instances it runs, and what it does with the others. The version is
/// also the worker's default version for the sub-orchestrations it starts: the engine has one setting for both
/// (<see cref="DurableTaskOptions.DefaultVersion"/>, as Durable Functions' host.json <c>defaultVersion</c>), so the
/// SDK's worker is given the same value twice.
/// </summary>
/// <param name="Version">The worker's version.</param>
/// <param name="Match">Which instance versions it runs.</param>
/// <param name="Failure">What it does with an instance it does not run.</param>
public sealed record WorkerVersioning(
    string Version,
    DurableTaskWorkerOptions.VersionMatchStrategy Match,
    DurableTaskWorkerOptions.VersionFailureStrategy Failure)
{
    /// <summary>Sets the SDK worker's versioning options.</summary>
    public void ApplyTo(DurableTaskWorkerOptions options)
        => options.Versioning = new DurableTaskWorkerOptions.VersioningOptions
        {
            Version = Version,
            DefaultVersion = Version,
            MatchStrategy = Match,
            FailureStrategy = Failure,
        };

    /// <summary>Sets the engine's versioning options.</summary>
    public void ApplyTo(DurableTaskOptions options)
    {
        options.DefaultVersion = Version;
        options.VersionMatchStrategy = Match switch
        {
            DurableTaskWorkerOptions.VersionMatchStrategy.None => OrchestrationVersionMatch.None,
            DurableTaskWorkerOptions.VersionMatchStrategy.Strict => OrchestrationVersionMatch.Strict,
            _ => OrchestrationVersionMatch.CurrentOrOlder,
        };
        options.VersionFailureStrategy = Failure == DurableTaskWorkerOptions.VersionFailureStrategy.Fail
            ? OrchestrationVersionFailure.Fail
            : OrchestrationVersionFailure.Reject;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Version} {Match} {Failure}";
}
