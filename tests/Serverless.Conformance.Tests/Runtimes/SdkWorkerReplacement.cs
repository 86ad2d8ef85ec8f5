using DurableTask.Core;
using Serverless.Baseline;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests.Runtimes;

/// <summary>
/// Replaces the SDK worker of a sidecar run. A rejection is what the SDK worker logs when it abandons a work item for
/// its version; whether the backend ever heard of it is what <see cref="RecordingOrchestrationService{TInner}"/> saw.
/// </summary>
internal sealed class SdkWorkerReplacement<TInner>(
    SdkSidecar sidecar,
    RecordingOrchestrationService<TInner> service,
    ListLoggerProvider workerLogs) : IWorkerReplacement
    where TInner : IOrchestrationService, IOrchestrationServiceClient
{
    public Task RejectedAsync(string instanceId, CancellationToken cancellationToken)
        => Eventually.TrueAsync(
            () => Logged($"Abandoning orchestration. InstanceId = '{instanceId}'. ")
                && Logged($"{instanceId}: Abandoned orchestrator work item."),
            $"the SDK worker abandons the work item of {instanceId} for its version");

    // Rejected by the worker (RejectedAsync), yet the backend's work item is neither abandoned nor released.
    public string? Stranded(string instanceId)
        => service.Abandons(instanceId) == 0 && service.Holds(instanceId)
            ? ConformanceExclusions.SidecarIgnoresAbandon
            : null;

    public Task ReplaceAsync(WorkerVersioning versioning, CancellationToken cancellationToken)
        => sidecar.ReplaceWorkerAsync(versioning.ApplyTo, cancellationToken);

    // The log lines go on with a completion token of the sidecar's.
    private bool Logged(string start) => workerLogs.Messages.Any(m => m.StartsWith(start, StringComparison.Ordinal));
}
