namespace Serverless.Durable.Replay;

/// <summary>
/// An in-flight instance whose history the orchestrator code of this build does not replay: its next episode would
/// fail it as non-deterministic.
/// </summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Orchestrator">Its orchestrator's name.</param>
/// <param name="EventIndex">The position, from 0, of the first recorded event the code disagrees with, in the current
/// execution's history; <see langword="null"/> when the failure names no event.</param>
/// <param name="RecordedEvent">That event as recorded, for example <c>TaskScheduled 3 ChargePayment</c>.</param>
/// <param name="Message">What the replay found, as the engine would record it.</param>
public sealed record ReplayDivergence(
    string InstanceId,
    string Orchestrator,
    int? EventIndex,
    string? RecordedEvent,
    string Message);
