using Serverless.Durable.History;

namespace Serverless.Durable.Engine;

/// <summary>What one episode decided: the events to append, the tasks it scheduled, and how the execution stands.</summary>
internal sealed record EpisodeDecision(
    IReadOnlyList<HistoryEvent> Appended,
    IReadOnlyList<PendingTask> Scheduled,
    OrchestrationStatus Status,
    DateTimeOffset Now)
{
    public string? Output { get; init; }

    public FailureDetails? Failure { get; init; }

    /// <summary>The custom status after the episode (kept from before when the orchestrator did not run).</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Whether <see cref="CustomStatus"/> is known (the orchestrator ran) rather than unchanged.</summary>
    public bool HasCustomStatus { get; init; }

    /// <summary>For continue-as-new: the next execution's input and the events it inherits.</summary>
    public (string? Input, IReadOnlyList<HistoryEvent> CarriedOver)? NextExecution { get; init; }

    public static EpisodeDecision Running(IReadOnlyList<HistoryEvent> appended, IReadOnlyList<PendingTask> scheduled, DateTimeOffset now) =>
        new(appended, scheduled, OrchestrationStatus.Running, now);

    public static EpisodeDecision Completed(IReadOnlyList<HistoryEvent> appended, IReadOnlyList<PendingTask> scheduled, string? output, DateTimeOffset now) =>
        new(appended, scheduled, OrchestrationStatus.Completed, now) { Output = output };

    public static EpisodeDecision Failed(IReadOnlyList<HistoryEvent> appended, FailureDetails failure, DateTimeOffset now, IReadOnlyList<PendingTask>? scheduled = null) =>
        new(appended, scheduled ?? [], OrchestrationStatus.Failed, now) { Failure = failure };

    public static EpisodeDecision ContinuedAsNew(IReadOnlyList<HistoryEvent> appended, IReadOnlyList<PendingTask> sent, string? input, IReadOnlyList<HistoryEvent> carriedOver, DateTimeOffset now) =>
        new(appended, sent, OrchestrationStatus.Pending, now) { NextExecution = (input, carriedOver) };
}
