using Microsoft.DurableTask.Client;

namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>
/// Holds once the instance's runtime status is <paramref name="Status"/> (e.g. Suspended after a suspend).
/// </summary>
/// <param name="Status">The expected runtime status.</param>
public sealed record RuntimeStatusTrigger(OrchestrationRuntimeStatus Status) : StepTrigger
{
    /// <inheritdoc/>
    public override string ToString() => $"when runtime status is {Status}";
}
