namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>
/// The orchestration versions of a <see cref="Scenario"/>: the client's default, the start options' version and the
/// worker's versioning, each left out when null (as an app that configures none).
/// </summary>
/// <param name="ClientDefaultVersion">
/// The client's default version (<c>DurableTaskClientOptions.DefaultVersion</c>).
/// </param>
/// <param name="StartVersion">The version in the start options (<c>StartOrchestrationOptions.Version</c>).</param>
/// <param name="Worker">The worker that runs the instance first.</param>
public sealed record ScenarioVersioning(string? ClientDefaultVersion, string? StartVersion, WorkerVersioning? Worker)
{
    /// <summary>
    /// A worker that replaces <see cref="Worker"/> once it has rejected the instance (failure strategy Reject), as a
    /// rolling upgrade replaces a worker of one version with one of another; null when the first worker runs it all.
    /// </summary>
    public WorkerVersioning? LaterWorker { get; init; }

    /// <inheritdoc/>
    public override string ToString()
        => $"client default {ClientDefaultVersion ?? "none"}, start {StartVersion ?? "none"}, worker "
            + $"{Worker?.ToString() ?? "unversioned"}" + (LaterWorker is null ? "" : $", then {LaterWorker}");
}
