using Microsoft.Extensions.Logging;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// What every planned episode ends with, whichever message caused it: commit its one batch through the hub's
/// committer, send what its outbox holds, and keep its execution in memory for the next episode. A process that runs
/// as worker <c>workerId</c> (under a worker lease, whose loss others detect) may hold the outbox row for its next
/// commit to delete; one that does not deletes it at once, or a crash between its commit and its dispatch would leave
/// the row to the sweep for <see cref="OutboxHold.NextCommitGrace"/>.
/// </summary>
internal sealed class EpisodeFinisher(
    TaskHubStorage hub,
    OutboxDispatcher dispatcher,
    ExecutionCache executions,
    LocalActivityRunner localActivities,
    string? workerId,
    ILogger logger,
    DurableMetrics? metrics)
{
    /// <summary>
    /// Commits <paramref name="plan"/> (with <paramref name="completing"/> where the storage can), dispatches its
    /// outbox and keeps its execution; throws <see cref="TableConflictException"/> when another worker's episode came
    /// first.
    /// </summary>
    /// <returns>Whether <paramref name="completing"/> was completed with the commit.</returns>
    public async Task<bool> FinishAsync(
        InstanceRow instance,
        EpisodePlan plan,
        QueueCompletion? completing,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var claimed = localActivities.TryClaim(plan.Commit, now);
        if (claimed is null && workerId is not null && plan.Commit.CanHoldOutbox && executions.WillKeep(plan))
        {
            plan.Commit.HoldOutbox(now, workerId);
        }

        CommittingEpisode committing;
        IReadOnlyList<string?> etags;
        try
        {
            committing = hub.Committer.Commit(plan.Commit, completing, now, cancellationToken);
            etags = await committing.Written.ConfigureAwait(false);
        }
        catch when (claimed is not null)
        {
            localActivities.FreeSlot();
            throw;
        }

        var decision = plan.Commit.Decision;
        Logs.EpisodeCommitted(logger, instance.InstanceId, instance.Name, decision.Status, decision.Scheduled.Count);
        metrics?.EpisodeCommitted(instance.Name, plan);
        if (claimed is not null)
        {
            // Kept first, so that an activity quicker than this method finds its execution to apply its outcome to.
            executions.Keep(instance.InstanceId, plan, committing.Operations, etags);
            localActivities.Start(claimed, etags[plan.Commit.OutboxIndex]);
            return committing.Completed;
        }

        TableOperation? pendingDelete = null;
        if (committing.Outbox is { } outbox)
        {
            // Kept only once dispatched: until then the next episode must read the whole partition to find it.
            pendingDelete = await dispatcher
                .DispatchAsync(outbox, hold: plan.Commit.HoldsOutbox, cancellationToken)
                .ConfigureAwait(false);
        }

        executions.Keep(instance.InstanceId, plan, committing.Operations, etags, pendingDelete);
        return committing.Completed;
    }
}
