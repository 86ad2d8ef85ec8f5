using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// The commit strategy of a storage whose table and queues are separate: an episode's batch holds its messages as an
/// outbox row, dispatched after the commit and then deleted (a crash in between leaves the row for the next episode or
/// the sweep); a single write goes first and its wake-up after it.
/// </summary>
internal sealed class OutboxEpisodeCommitter(TaskHubStorage hub) : EpisodeCommitter
{
    /// <inheritdoc />
    public override CommittingEpisode Commit(
        EpisodeCommit commit, QueueCompletion? completing, DateTimeOffset now, CancellationToken cancellationToken) =>
        new(
            commit.Operations,
            hub.Instances.ExecuteBatchAsync(commit.Operations, cancellationToken),
            commit.Outbox,
            Completed: false);

    /// <inheritdoc />
    public override async Task<bool> WriteAndWakeAsync(
        TableOperation operation,
        string instanceId,
        DateTimeOffset now,
        DateTimeOffset? visibleAt,
        QueueCompletion? completing,
        CancellationToken cancellationToken)
    {
        await hub.Instances.ExecuteBatchAsync([operation], cancellationToken).ConfigureAwait(false);
        await hub.WakeAsync(instanceId, now, visibleAt, cancellationToken).ConfigureAwait(false);
        return false;
    }
}
