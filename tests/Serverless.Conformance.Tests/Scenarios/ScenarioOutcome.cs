using Microsoft.DurableTask.Client;

namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>What a runtime made of a <see cref="Scenario"/>: everything the differential tests compare.</summary>
/// <param name="InstanceId">The instance that ran (differs between runtimes; never compared).</param>
/// <param name="Status">The terminal status: Completed, Failed or Terminated.</param>
/// <param name="OutputJson">The serialized output (null when there is none).</param>
/// <param name="Failure">The failure details when the orchestration failed.</param>
/// <param name="CustomStatusJson">The serialized custom status at the end.</param>
/// <param name="Scheduled">
/// What the orchestration scheduled, in history order, over every generation (<c>ContinueAsNew</c>) of the
/// instance: activities, timers and sub-orchestrations; retries show as the attempts with their timers between.
/// </param>
public sealed record ScenarioOutcome(
    string InstanceId,
    OrchestrationRuntimeStatus Status,
    string? OutputJson,
    FailureOutcome? Failure,
    string? CustomStatusJson,
    IReadOnlyList<ScheduledWork> Scheduled)
{
    /// <summary>What the scenario's <see cref="Scenario.AfterFinish"/> probe returned, if it has one.</summary>
    public string? AfterFinish { get; init; }

    /// <summary>The version the instance's history records at its start ("" for none).</summary>
    public string? Version { get; init; }

    /// <summary>
    /// The instance's status once the first worker had rejected it, before a worker of another version took over
    /// (<see cref="ScenarioVersioning.LaterWorker"/>); null when the scenario replaces no worker.
    /// </summary>
    public OrchestrationRuntimeStatus? StatusWhileRejected { get; init; }

    /// <summary>
    /// Why the run ended before the instance did: the rejected work could reach no other worker on this runtime (one of
    /// <see cref="ConformanceExclusions"/>'s reasons); null for a run that went to the end.
    /// </summary>
    public string? Stranded { get; init; }

    /// <inheritdoc/>
    public override string ToString()
        => $"{Status} output={OutputJson ?? "null"} failure={Failure?.ToString() ?? "none"} "
            + $"customStatus={CustomStatusJson ?? "null"} scheduled=[{string.Join(", ", Scheduled)}]"
            + (AfterFinish is null ? "" : $" afterFinish=[{AfterFinish}]")
            + $" version={Version ?? "null"}"
            + (StatusWhileRejected is null ? "" : $" whileRejected={StatusWhileRejected}")
            + (Stranded is null ? "" : $" stranded=[{Stranded}]");
}
