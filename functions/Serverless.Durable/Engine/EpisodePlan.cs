using Serverless.Durable.History;

namespace Serverless.Durable.Engine;

/// <summary>
/// An episode's decision as the batch to commit, with the executor that decided it (none for a terminate or an unknown
/// orchestrator) and the history it replayed, which a commit that keeps the execution extends.
/// </summary>
internal readonly record struct EpisodePlan(
    EpisodeCommit Commit, OrchestrationExecutor? Executor, List<StoredHistoryEvent> Past)
{
    /// <summary>
    /// Whether deciding it replayed the instance's history (no execution held in memory to continue, or one that had
    /// to start afresh).
    /// </summary>
    public bool Replayed { get; init; }
}
