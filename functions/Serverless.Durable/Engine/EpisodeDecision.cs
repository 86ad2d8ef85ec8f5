using Serverless.Durable.History;

namespace Serverless.Durable.Engine;

/// <summary>
/// What one episode decided: the events to append, the tasks it scheduled, and how the execution stands.
/// </summary>
internal sealed record EpisodeDecision(
    IReadOnlyList<StoredHistoryEvent> Appended,
    IReadOnlyList<PendingTask> Scheduled,
    StoredStatus Status,
    DateTimeOffset Now)
{
    public string? Output { get; init; }

    public StoredFailure? Failure { get; init; }

    /// <summary>The custom status after the episode (kept from before when the orchestrator did not run).</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Whether <see cref="CustomStatus"/> is known (the orchestrator ran) rather than unchanged.</summary>
    public bool HasCustomStatus { get; init; }

    /// <summary>For continue-as-new with a new version: that version (null: the execution's own).</summary>
    public string? NextVersion { get; init; }

    /// <summary>For a non-deterministic replay: the task id where the code and the history first disagreed.</summary>
    public int? DivergedTaskId { get; init; }

    /// <summary>The activities whose failed attempt this episode decided to retry, one entry per retry.</summary>
    public IReadOnlyList<string> Retries { get; init; } = [];

    /// <summary>For continue-as-new: the next execution's input and the events it inherits.</summary>
    public (string? Input, IReadOnlyList<StoredHistoryEvent> CarriedOver)? NextExecution { get; init; }

    public static EpisodeDecision Running(
        IReadOnlyList<StoredHistoryEvent> appended,
        IReadOnlyList<PendingTask> scheduled,
        DateTimeOffset now) =>
        new(appended, scheduled, StoredStatus.Running, now);

    public static EpisodeDecision Completed(
        IReadOnlyList<StoredHistoryEvent> appended,
        IReadOnlyList<PendingTask> scheduled,
        string? output,
        DateTimeOffset now) =>
        new(appended, scheduled, StoredStatus.Completed, now) { Output = output };

    public static EpisodeDecision Failed(
        IReadOnlyList<StoredHistoryEvent> appended,
        StoredFailure failure,
        DateTimeOffset now,
        IReadOnlyList<PendingTask>? scheduled = null) =>
        new(appended, scheduled ?? [], StoredStatus.Failed, now) { Failure = failure };

    public static EpisodeDecision ContinuedAsNew(
        IReadOnlyList<StoredHistoryEvent> appended,
        IReadOnlyList<PendingTask> sent,
        string? input,
        IReadOnlyList<StoredHistoryEvent> carriedOver,
        DateTimeOffset now) =>
        new(appended, sent, StoredStatus.Pending, now) { NextExecution = (input, carriedOver) };
}
