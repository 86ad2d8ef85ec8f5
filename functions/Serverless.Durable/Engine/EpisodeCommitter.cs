using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// How a task hub's writes and the messages they cause go together, chosen once per storage:
/// <see cref="TransactionalEpisodeCommitter"/> where the table and the queues are one transaction (SQLite),
/// <see cref="OutboxEpisodeCommitter"/> elsewhere (Azure, AWS, in-memory).
/// </summary>
internal abstract class EpisodeCommitter
{
    /// <summary>The committer for <paramref name="storage"/>: transactional when it is one transaction.</summary>
    public static EpisodeCommitter For(
        IStorageProvider storage, TaskHubStorage hub, LocalQueueWorkers localWorkers) =>
        storage.AsTransactional() is { } transactional
            ? new TransactionalEpisodeCommitter(hub, transactional, localWorkers)
            : new OutboxEpisodeCommitter(hub);

    /// <summary>
    /// Commits <paramref name="commit"/>'s one ETag-guarded batch (its task fails with a
    /// <see cref="TableConflictException"/> when another worker's episode came first), with its messages and
    /// <paramref name="completing"/> where the strategy can.
    /// </summary>
    public abstract CommittingEpisode Commit(
        EpisodeCommit commit, QueueCompletion? completing, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="operation"/> on <paramref name="instanceId"/>'s partition and sends its wake-up,
    /// visible at <paramref name="visibleAt"/> (now when absent): together where the strategy can, else the row first.
    /// </summary>
    /// <returns>Whether <paramref name="completing"/> went with the write.</returns>
    public abstract Task<bool> WriteAndWakeAsync(
        TableOperation operation,
        string instanceId,
        DateTimeOffset now,
        DateTimeOffset? visibleAt,
        QueueCompletion? completing,
        CancellationToken cancellationToken);
}
