using Serverless.Conformance.Tests.Catalog;

namespace Serverless.Conformance.Tests;

/// <summary>
/// The scenarios a runtime cannot run to the end, each with the reason, found by running them. A test never skips an
/// excluded run silently: it asserts that the run still shows the reason (so a fixed runtime fails the test until its
/// exclusion is removed) and compares what the run did reach.
/// </summary>
public static class ConformanceExclusions
{
    /// <summary>
    /// Why a worker replaced after a rejection never gets the rejected work on the SDK runtimes: the worker does reject
    /// it (it logs the abandon and calls <c>AbandonTaskOrchestratorWorkItem</c>), but the InProcessTestHost sidecar
    /// (0.2.3-preview.1) that both SDK runtimes run under answers that call without telling the backend, so the work
    /// item stays locked, its dispatcher waiting for an answer that never comes, and no worker is offered it again.
    /// </summary>
    public const string SidecarIgnoresAbandon =
        "the InProcessTestHost sidecar ignores AbandonTaskOrchestratorWorkItem: the rejected work item stays locked";

    private static readonly Dictionary<(string Runtime, string Scenario), string> Reasons = new()
    {
        [(ConformanceRuntimes.SdkInMemory, VersioningScenarios.RejectedByOlderWorker.Name)] = SidecarIgnoresAbandon,
        [(ConformanceRuntimes.SdkInMemory, VersioningScenarios.RejectedByStrictWorker.Name)] = SidecarIgnoresAbandon,
        [(ConformanceRuntimes.SdkAzureStorage, VersioningScenarios.RejectedByOlderWorker.Name)] = SidecarIgnoresAbandon,
        [(ConformanceRuntimes.SdkAzureStorage, VersioningScenarios.RejectedByStrictWorker.Name)] =
            SidecarIgnoresAbandon,
    };

    /// <summary>
    /// Why <paramref name="runtime"/> cannot run <paramref name="scenario"/> to the end; null if it can.
    /// </summary>
    public static string? Reason(string runtime, string scenario) => Reasons.GetValueOrDefault((runtime, scenario));
}
