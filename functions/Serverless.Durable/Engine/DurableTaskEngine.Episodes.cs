using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

public sealed partial class DurableTaskEngine
{
    private const int ConflictRetries = 3;

    /// <summary>
    /// Handles a wake-up for <paramref name="instanceId"/>: runs one episode (replay the orchestrator over its history
    /// plus the ready inbox messages, commit the result in one ETag-guarded batch, dispatch the outbox). Safe to call
    /// any number of times: a wake-up with nothing to do changes nothing.
    /// </summary>
    public Task HandleWakeUpAsync(string instanceId, CancellationToken cancellationToken = default) =>
        HandleWakeUpAsync(instanceId, null, cancellationToken);

    /// <summary>
    /// Handles the wake-up <paramref name="delivery"/> a pump received from <see cref="OrchestrationQueue"/>, as
    /// <see cref="HandleWakeUpAsync(string, CancellationToken)"/> does; where the storage is transactional, the
    /// episode's commit also completes the message.
    /// </summary>
    /// <returns>
    /// Whether the commit carried the completion (whether it counts, given a stale receipt, is the pump's rule).
    /// </returns>
    public Task<bool> HandleWakeUpAsync(QueueCompletion delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return HandleWakeUpAsync(delivery.Message.Body, delivery, cancellationToken);
    }

    private async Task<bool> HandleWakeUpAsync(
        string instanceId,
        QueueCompletion? completing,
        CancellationToken cancellationToken)
    {
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunEpisodeAsync(instanceId, completing, cancellationToken).ConfigureAwait(false);
            }
            catch (TableConflictException) when (attempt < ConflictRetries)
            {
                // Another worker committed an episode of this instance first: read it again and decide anew.
                Logs.EpisodeConflict(_logger, instanceId, attempt);
            }
        }
    }

    /// <summary>
    /// Runs one episode: read the partition (only the instance row and inbox for a cached, current execution), replay
    /// over history and the ready messages, commit ONE ETag-guarded batch, send, complete.
    /// </summary>
    /// <returns>Whether <paramref name="completing"/> was completed with the episode's commit.</returns>
    private async Task<bool> RunEpisodeAsync(
        string instanceId, QueueCompletion? completing, CancellationToken cancellationToken)
    {
        var cached = _executions.Take(instanceId);
        var episode = (await _reader.ReadAsync(instanceId, cached, cancellationToken).ConfigureAwait(false))!;
        if (episode.Instance is not { } instance)
        {
            // Messages that arrived after a purge can never be applied; left behind, the sweep would wake them forever.
            await _hub.DeleteQuietlyAsync(episode.InboxDeletes(), cancellationToken).ConfigureAwait(false);
            return false;
        }

        await _dispatcher.DispatchLeftoversAsync(episode.Rows, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var work = episode.Select(now);
        if (work.IsIdle)
        {
            await _hub.DeleteQuietlyAsync(work.Stale, cancellationToken).ConfigureAwait(false);
            _executions.Return(instanceId, episode.Cached);
            return false;
        }

        if (instance.Status == StoredStatus.Pending)
        {
            WorkDelays.Began(instance.CreatedAt, now);
        }

        var mismatch = _versions.Check(instance);
        if (mismatch is not null)
        {
            Logs.VersionMismatch(
                _logger, instanceId, instance.Name, _options.VersionFailureStrategy, mismatch.ErrorMessage);
            if (_versions.Rejects)
            {
                // Back to the queue as a fresh message, so that rejections never count towards its poison limit.
                await _hub.WakeAsync(instanceId, now, now + VersionGate.RejectedRetryDelay, cancellationToken)
                    .ConfigureAwait(false);
                return false;
            }
        }

        using var span = EngineSpans.StartEpisode(instance, work.Ready!);
        episode.AdoptTrace(StoredTrace.Of(span));
        try
        {
            var plan = mismatch is null
                ? _planner.Plan(episode, work, now, StoredTrace.Of(span) ?? instance.Trace)
                : EpisodePlanner.Fail(episode, mismatch, work, episode.ReadPast(), now);
            var completed = await _finisher.FinishAsync(episode.Instance!, plan, completing, now, cancellationToken)
                .ConfigureAwait(false);
            EngineSpans.Decided(span, plan.Commit.Decision, episode.Instance!);
            return completed;
        }
        catch (TableConflictException)
        {
            EngineSpans.Discard(span);
            throw;
        }
        catch (Exception exception)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.Message).AddException(exception);
            throw;
        }
    }
}
