using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Durable.History;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// Replays an instance's orchestrator over its history and the episode's ready messages, and turns the decision into
/// the one batch that commits it.
/// </summary>
internal sealed class EpisodePlanner(
    Dictionary<string, RegisteredOrchestrator> orchestrators,
    Func<string, string> queueOf,
    IServiceProvider services,
    DataConverter converter,
    ILoggerFactory loggerFactory,
    ILogger logger)
{
    // The most inbox messages one episode applies; fewer when the commit would not fit one batch.
    private const int MaxInboxMessagesPerEpisode = 50;

    /// <summary>
    /// Decides the episode over as many ready messages as one batch can commit. Replay is deterministic, so deciding
    /// again over a prefix of them is safe; the rest wait for the next episode. An episode too large even with a single
    /// message (it creates more timers at once than a batch holds) fails the instance rather than every wake-up.
    /// </summary>
    /// <remarks>
    /// A cached execution decides the first try only: deciding changes it, so a smaller try replays afresh.
    /// What the episode schedules carries <paramref name="trace"/>.
    /// </remarks>
    public EpisodePlan Plan(EpisodeSnapshot episode, EpisodeWork work, DateTimeOffset now, StoredTrace? trace = null)
    {
        var instance = episode.Instance!;
        var past = episode.ReadPast();
        var resume = episode.Cached?.Executor;
        var ready = work.Ready!;
        for (var take = Math.Min(ready.Count, MaxInboxMessagesPerEpisode); ; take /= 2)
        {
            var consumed = ready[..take];
            var replays = resume is null && past.Count > 0;
            var (decision, executor) = Decide(instance, past, consumed, now, resume, trace);
            resume = null;
            var remaining = work.Pending!.Except(consumed).ToList();
            var commit = new EpisodeCommit(
                instance, decision, consumed, remaining, work.Stale, now, UnreadWake(episode), PendingDeletes(episode));
            if (commit.FitsOneBatch)
            {
                return new EpisodePlan(commit, executor, past) { Replayed = replays && executor is not null };
            }

            if (take <= 1)
            {
                return TooLarge(episode, commit.Operations.Count, work, past, now);
            }

            Logs.EpisodeSplit(logger, instance.InstanceId, take, commit.Operations.Count);
        }
    }

    /// <summary>
    /// When the inbox was not read, the instance's due time as its last commit left it: what waits there (a timer) is
    /// still due then.
    /// </summary>
    private static DateTimeOffset? UnreadWake(EpisodeSnapshot episode) =>
        episode.InboxUnread ? episode.Instance!.NextWakeAt : null;

    /// <summary>
    /// The deletes this commit carries: of the outbox row the cached execution's last commit dispatched and left to
    /// this one, and of the claimed outbox row whose activity's outcome this episode applies.
    /// </summary>
    private static IEnumerable<TableOperation> PendingDeletes(EpisodeSnapshot episode) =>
        new[] { episode.Cached?.PendingDelete, episode.SettlesClaim }.OfType<TableOperation>();

    private EpisodePlan TooLarge(
        EpisodeSnapshot episode, int operations, EpisodeWork work, List<StoredHistoryEvent> past, DateTimeOffset now)
    {
        var instance = episode.Instance!;
        var failure = new StoredFailure(
            "EpisodeTooLarge",
            $"An episode of '{instance.InstanceId}' needs {operations} storage operations, more than the " +
            $"{TableBatch.MaxOperations} one batch holds, even when it applies a single message: each durable timer " +
            "created in one step is a row. Create fewer timers at once.");
        Logs.EpisodeTooLarge(logger, instance.InstanceId, instance.Name, operations);
        return Fail(episode, failure, work, past, now);
    }

    /// <summary>
    /// Fails the instance without running its orchestrator: the episode records only the failed completion, and the
    /// messages that were ready stay unapplied.
    /// </summary>
    public static EpisodePlan Fail(
        EpisodeSnapshot episode,
        StoredFailure failure,
        EpisodeWork work,
        List<StoredHistoryEvent> past,
        DateTimeOffset now)
    {
        var instance = episode.Instance!;

        // An instance failed before its first episode still records its start (name, input, version), as the SDK's
        // worker does when it fails an instance of another version.
        StoredHistoryEvent[] appended =
        [
            new(HistoryEventType.OrchestratorStarted, now),
            .. instance.Status == StoredStatus.Pending ? [Started(instance, now)] : Array.Empty<StoredHistoryEvent>(),
            new(HistoryEventType.ExecutionCompleted, now) { Status = StoredStatus.Failed, Failure = failure },
        ];
        var decision = EpisodeDecision.Failed(appended, failure, now);
        var commit = new EpisodeCommit(
            instance, decision, [], work.Pending!, work.Stale, now, UnreadWake(episode), PendingDeletes(episode));
        return new EpisodePlan(commit, null, past);
    }

    private static StoredHistoryEvent Started(InstanceRow instance, DateTimeOffset now)
        => new(HistoryEventType.ExecutionStarted, now)
        {
            Name = instance.Name,
            Input = instance.Input,
            Version = string.IsNullOrEmpty(instance.Version) ? null : instance.Version,
        };

    private (EpisodeDecision Decision, OrchestrationExecutor? Executor) Decide(
        InstanceRow instance,
        List<StoredHistoryEvent> past,
        List<InboxRow> consumed,
        DateTimeOffset now,
        OrchestrationExecutor? resume,
        StoredTrace? trace)
    {
        var arrived = new List<StoredHistoryEvent> { new(HistoryEventType.OrchestratorStarted, now) };
        if (instance.Status == StoredStatus.Pending)
        {
            arrived.Add(Started(instance, now));
        }

        var suspended = instance.Status == StoredStatus.Suspended;
        var completedTasks = past.Where(IsTaskOutcome).Select(e => e.TaskId!.Value).ToHashSet();
        var raisedEvents =
            past.Where(e => e.EventId is not null).Select(e => e.EventId!).ToHashSet(StringComparer.Ordinal);
        foreach (var message in consumed)
        {
            var historyEvent = message.Event;
            if (historyEvent.Type == HistoryEventType.ExecutionTerminated)
            {
                arrived.Add(historyEvent with { Timestamp = now });
                var terminated = new EpisodeDecision(arrived, [], StoredStatus.Terminated, now)
                {
                    Output = historyEvent.Result,
                };
                return (terminated, null);
            }

            if (historyEvent.Type is HistoryEventType.ExecutionSuspended or HistoryEventType.ExecutionResumed)
            {
                // A suspend of a suspended instance, or a resume of a running one, changes nothing and is not
                // recorded.
                var suspends = historyEvent.Type == HistoryEventType.ExecutionSuspended;
                if (suspends != suspended)
                {
                    suspended = suspends;
                    arrived.Add(historyEvent with { Timestamp = now });
                }

                continue;
            }

            // At most once into history: a duplicate delivery of an outcome, or a second raise of an event id, is
            // dropped here.
            var duplicate = IsTaskOutcome(historyEvent)
                ? !completedTasks.Add(historyEvent.TaskId!.Value)
                : historyEvent.EventId is { } eventId && !raisedEvents.Add(eventId);
            if (!duplicate)
            {
                arrived.Add(historyEvent);
            }
        }

        if (!orchestrators.TryGetValue(instance.Name, out var orchestrator))
        {
            var failure = new StoredFailure(
                StoredFailure.OrchestratorNotFound,
                $"No orchestrator named '{instance.Name}' is registered with this worker.");
            arrived.Add(new StoredHistoryEvent(HistoryEventType.ExecutionCompleted, now)
            {
                Status = StoredStatus.Failed,
                Failure = failure,
            });
            return (EpisodeDecision.Failed(arrived, failure, now), null);
        }

        var executor =
            resume ?? new OrchestrationExecutor(instance, orchestrator, queueOf, services, converter, loggerFactory);
        executor.Trace = trace;
        var decided = resume is null ? executor.Execute(past, arrived) : executor.Continue(arrived);
        var decision = decided with
        {
            CustomStatus = executor.CustomStatus,
            HasCustomStatus = true,
            Retries = executor.TakeRetries(),
        };
        return suspended && decision.Status == StoredStatus.Running
            ? (decision with { Status = StoredStatus.Suspended }, executor)
            : (decision, executor);
    }

    private static bool IsTaskOutcome(StoredHistoryEvent historyEvent) => historyEvent.Type is
        HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired or
        HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed;
}
