using Microsoft.Extensions.Logging;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// Applies an activity's outcome straight to its instance when this process ran the instance's last episode (its
/// execution is cached and still current): one ETag-guarded commit appends the outcome to history and schedules what
/// follows, with no inbox row, no wake-up and no read: the instance row is the one the last commit here wrote, kept
/// with the execution, and the commit's ETag guard fails if another worker has committed since. On a transactional
/// storage the commit also completes the work item; elsewhere the commit's outbox is dispatched as an episode's is,
/// and the caller completes the work item after.
/// </summary>
/// <remarks>
/// When it cannot (nothing cached, another worker's episode came first and the guard failed, the instance is not
/// running, or the decision leaves the outcome for later) it writes nothing of the outcome and says so; the caller
/// then delivers the outcome through the inbox. A crash after the commit leaves the work item to be delivered again:
/// its activity runs again and its outcome, delivered through the inbox, is found already in history and dropped, while
/// the episode it wakes dispatches any outbox the crash cut short.
/// </remarks>
internal sealed class DirectOutcomeApplier(
    EpisodePlanner planner,
    TaskHubStorage hub,
    EpisodeFinisher finisher,
    ExecutionCache executions,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>
    /// Applies <paramref name="outcome"/>, with <paramref name="completing"/> where the storage can, or for an activity
    /// this process ran on a claim, with the delete of the claimed outbox row (<paramref name="settlesClaim"/>).
    /// </summary>
    /// <returns>
    /// Whether it applied the outcome, and whether <paramref name="completing"/> was completed with it.
    /// </returns>
    public async Task<(bool Applied, bool Completed)> TryApplyAsync(
        InboxRow outcome,
        QueueCompletion? completing,
        CancellationToken cancellationToken,
        TableOperation? settlesClaim = null)
    {
        try
        {
            return await ApplyAsync(outcome, completing, settlesClaim, cancellationToken).ConfigureAwait(false);
        }
        catch (TableConflictException)
        {
            Logs.EpisodeConflict(logger, outcome.InstanceId, 1);
            return (false, false);
        }
    }

    private async Task<(bool Applied, bool Completed)> ApplyAsync(
        InboxRow outcome,
        QueueCompletion? completing,
        TableOperation? settlesClaim,
        CancellationToken cancellationToken)
    {
        var instanceId = outcome.InstanceId;
        if (executions.Take(instanceId) is not { } cached)
        {
            return (false, false);
        }

        // A stale entry (another worker has run an episode since) fails the commit's guard and is dropped.
        var episode = EpisodeSnapshot.OfCached(instanceId, cached);

        var instance = episode.Instance!;
        if (instance.Status != StoredStatus.Running || !outcome.IsFor(instance.ExecutionId))
        {
            executions.Put(instanceId, cached);
            return (false, false);
        }

        episode.Inbox.Add(outcome);
        episode.SettlesClaim = settlesClaim;
        var now = time.GetUtcNow();
        var work = episode.Select(now);
        if (work.IsIdle)
        {
            await hub.DeleteQuietlyAsync(work.Stale, cancellationToken).ConfigureAwait(false);
            executions.Put(instanceId, cached);
            return (false, false);
        }

        using var span = EngineSpans.StartEpisode(instance, work.Ready!);
        episode.AdoptTrace(StoredTrace.Of(span));
        try
        {
            var plan = planner.Plan(episode, work, now, StoredTrace.Of(span) ?? instance.Trace);
            if (!plan.Commit.Consumed.Contains(outcome))
            {
                // The decision leaves the outcome for later: write nothing. The executor has moved on with the
                // decision, so it is not kept; the next episode replays (and has the span).
                EngineSpans.Discard(span);
                executions.Drop(cached);
                return (false, false);
            }

            var completed = await finisher.FinishAsync(episode.Instance!, plan, completing, now, cancellationToken)
                .ConfigureAwait(false);
            EngineSpans.Decided(span, plan.Commit.Decision, episode.Instance!);
            return (true, completed);
        }
        catch (TableConflictException)
        {
            EngineSpans.Discard(span);
            throw;
        }
    }
}
