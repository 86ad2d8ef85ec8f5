using Microsoft.Extensions.Logging;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// Applies an activity's outcome straight to its instance when this process ran the instance's last episode (its
/// execution is cached and still current) on a transactional storage: one commit appends the outcome to history,
/// schedules what follows and completes the work item, with no inbox row and no wake-up.
/// </summary>
/// <remarks>
/// When it cannot (nothing cached, another worker's episode came first, the instance is not running, or the decision
/// needs an outbox or leaves the outcome for later) it writes nothing of the outcome and says so; the caller then
/// delivers the outcome through the inbox. It reads only the instance row and the inbox, never the whole partition.
/// </remarks>
internal sealed class DirectOutcomeApplier(
    EpisodeReader reader,
    EpisodePlanner planner,
    TaskHubStorage hub,
    TransactionalEpisodeCommitter committer,
    ExecutionCache executions,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>Applies <paramref name="outcome"/> with <paramref name="completing"/> if it can.</summary>
    /// <returns>Whether it did (and completed <paramref name="completing"/>).</returns>
    public async Task<bool> TryApplyAsync(
        InboxRow outcome, QueueCompletion completing, CancellationToken cancellationToken)
    {
        using var span = DurableDiagnostics.Source.StartActivity("orchestration episode");
        span?.SetTag("durable.instance_id", outcome.InstanceId);
        try
        {
            return await ApplyAsync(outcome, completing, cancellationToken).ConfigureAwait(false);
        }
        catch (TableConflictException)
        {
            Logs.EpisodeConflict(logger, outcome.InstanceId, 1);
            return false;
        }
    }

    private async Task<bool> ApplyAsync(
        InboxRow outcome, QueueCompletion completing, CancellationToken cancellationToken)
    {
        var instanceId = outcome.InstanceId;
        if (executions.Take(instanceId) is not { } cached ||
            await reader.ReadCachedAsync(instanceId, cached, cancellationToken).ConfigureAwait(false) is not
                { } episode)
        {
            // Nothing cached, or another worker has run an episode since (the stale entry is dropped).
            return false;
        }

        var instance = episode.Instance!;
        if (instance.Status != StoredStatus.Running || !outcome.IsFor(instance.ExecutionId))
        {
            executions.Put(instanceId, cached);
            return false;
        }

        episode.Inbox.Add(outcome);
        var now = time.GetUtcNow();
        var work = episode.Select(now);
        if (work.IsIdle)
        {
            await hub.DeleteQuietlyAsync(work.Stale, cancellationToken).ConfigureAwait(false);
            executions.Put(instanceId, cached);
            return false;
        }

        var plan = planner.Plan(episode, work, now);
        if (!plan.Commit.SendsOnly || !plan.Commit.Consumed.Contains(outcome))
        {
            // The decision cannot carry the outcome in one transaction (or left it for later): write nothing. The
            // executor has moved on with the decision, so it is not kept; the next episode replays.
            return false;
        }

        var committing = committer.Commit(plan.Commit, completing, now, cancellationToken);
        var etags = await committing.Written.ConfigureAwait(false);
        var decision = plan.Commit.Decision;
        Logs.EpisodeCommitted(logger, instanceId, instance.Name, decision.Status, decision.Scheduled.Count);
        executions.Keep(instanceId, plan, committing.Operations, etags);
        return committing.Completed;
    }
}
