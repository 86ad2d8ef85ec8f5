namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>
/// A runtime's way to replace its worker during a run (<see cref="ScenarioVersioning.LaterWorker"/>): it tells when
/// the running worker has rejected an instance, whether the rejected work can reach another worker at all, and starts
/// a worker of other options in its place.
/// </summary>
public interface IWorkerReplacement
{
    /// <summary>
    /// Completes once the running worker has rejected work of <paramref name="instanceId"/> (handed it back, as
    /// failure strategy Reject does).
    /// </summary>
    Task RejectedAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Why the rejected work of <paramref name="instanceId"/> cannot reach another worker, as this run shows it (see
    /// <see cref="ConformanceExclusions"/>); null when nothing holds it back.
    /// </summary>
    string? Stranded(string instanceId);

    /// <summary>Stops the running worker and starts one with <paramref name="versioning"/>.</summary>
    Task ReplaceAsync(WorkerVersioning versioning, CancellationToken cancellationToken);
}
