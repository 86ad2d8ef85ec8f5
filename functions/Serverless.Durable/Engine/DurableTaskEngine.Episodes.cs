using Serverless.Durable.History;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

public sealed partial class DurableTaskEngine
{
    // The most inbox messages one episode applies; fewer when the commit would not fit one batch (see PlanCommit).
    private const int MaxInboxMessagesPerEpisode = 50;
    private const int ConflictRetries = 3;

    /// <summary>
    /// Handles a wake-up for <paramref name="instanceId"/>: runs one episode (replay the orchestrator over its history
    /// plus the ready inbox messages, commit the result in one ETag-guarded batch, dispatch the outbox). Safe to call
    /// any number of times: a wake-up with nothing to do changes nothing.
    /// </summary>
    public Task HandleWakeUpAsync(string instanceId, CancellationToken cancellationToken = default) =>
        HandleWakeUpAsync(instanceId, null, cancellationToken);

    /// <summary>
    /// Handles the wake-up <paramref name="message"/> received from <see cref="OrchestrationQueue"/>, as
    /// <see cref="HandleWakeUpAsync(string, CancellationToken)"/> does; where the storage is transactional, the episode's
    /// commit also completes the message.
    /// </summary>
    /// <returns>Whether the message was completed (else the caller completes it).</returns>
    public Task<bool> HandleWakeUpAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var completing = new QueueCompletion(OrchestrationQueue, message);
        return CompletedAsync(HandleWakeUpAsync(message.Body, completing, cancellationToken), completing);
    }

    private async Task<bool> HandleWakeUpAsync(string instanceId, QueueCompletion? completing, CancellationToken cancellationToken)
    {
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        using var span = DurableDiagnostics.Source.StartActivity("orchestration episode");
        span?.SetTag("durable.instance_id", instanceId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunEpisodeAsync(instanceId, completing, null, cancellationToken).ConfigureAwait(false);
            }
            catch (TableConflictException) when (attempt < ConflictRetries)
            {
                // Another worker committed an episode of this instance first: read it again and decide anew.
                Logs.EpisodeConflict(_logger, instanceId, attempt);
            }
        }
    }

    /// <summary>
    /// Runs one episode. With <paramref name="delivered"/> (an outcome its sender applies directly, never stored in the
    /// inbox) it runs only on the cached, current execution of a running instance and commits only if the outcome is
    /// applied, with <paramref name="completing"/>; otherwise it writes nothing and returns <see langword="false"/>.
    /// </summary>
    /// <returns>Whether <paramref name="completing"/> was completed with the episode's commit.</returns>
    private async Task<bool> RunEpisodeAsync(string instanceId, QueueCompletion? completing, InboxRow? delivered, CancellationToken cancellationToken)
    {
        var cachedBefore = _executions.Take(instanceId);
        if (delivered is not null && cachedBefore is null)
        {
            return false;
        }

        var (rows, cached) = await ReadEpisodeRowsAsync(instanceId, cachedBefore, wholeOnMismatch: delivered is null, cancellationToken).ConfigureAwait(false);
        if (delivered is not null && cached is null)
        {
            // Another worker has run an episode since: the outcome goes through the inbox instead. The stale entry is dropped.
            return false;
        }

        var inbox = rows.Where(r => r.RowKey.StartsWith(RowKeys.InboxPrefix, StringComparison.Ordinal)).Select(InboxRow.FromEntity).ToList();
        var instanceEntity = rows.FirstOrDefault(r => r.RowKey == RowKeys.Instance);
        if (instanceEntity is null)
        {
            // Messages that arrived after a purge can never be applied; left behind, the sweep would wake them forever.
            await DeleteQuietlyAsync(inbox.Select(m => TableOperation.Delete(instanceId, m.RowKey, m.ETag!)).ToList(), cancellationToken).ConfigureAwait(false);
            return false;
        }

        var instance = InstanceRow.FromEntity(instanceEntity);
        if (delivered is not null)
        {
            // The cached execution is current (its instance row was read above, with the ETag it left).
            if (instance.Status != StoredStatus.Running || !delivered.IsFor(instance.ExecutionId))
            {
                _executions.Put(instanceId, cached!);
                return false;
            }

            inbox.Add(delivered);
        }
        foreach (var leftover in rows.Where(r => r.RowKey.StartsWith(RowKeys.OutboxPrefix, StringComparison.Ordinal)))
        {
            await DispatchAsync(leftover, cancellationToken).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        var stale = rows
            .Where(r => r.RowKey.StartsWith(RowKeys.HistoryPrefix, StringComparison.Ordinal) && !r.RowKey.StartsWith(RowKeys.HistoryOf(instance.ExecutionId), StringComparison.Ordinal))
            .Select(r => TableOperation.Delete(r.PartitionKey, r.RowKey, r.ETag!))
            .Concat(inbox.Where(m => instance.Status.IsTerminal() || !m.IsFor(instance.ExecutionId)).Select(m => TableOperation.Delete(instanceId, m.RowKey, m.ETag!)))
            .ToList();
        if (instance.Status.IsTerminal())
        {
            await DeleteQuietlyAsync(stale, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var pending = inbox.Where(m => m.IsFor(instance.ExecutionId)).ToList();
        var ready = pending
            .Where(m => m.ReadyAt <= now)
            .OrderBy(m => m.ReadyAt)
            .ThenBy(m => m.RowKey, StringComparer.Ordinal)
            .ToList();
        // A start scheduled for later waits for its time; whatever reaches it before then waits in its inbox, but a terminate.
        var notYetStarted = instance.Status == StoredStatus.Pending && instance.NextWakeAt is { } startAt && startAt > now;
        ready = ApplicableNow(ready, instance.Status == StoredStatus.Suspended);
        if ((notYetStarted && !ready.Any(m => m.Event.Type == HistoryEventType.ExecutionTerminated)) ||
            (ready.Count == 0 && instance.Status != StoredStatus.Pending))
        {
            // Nothing to decide (yet), but rows of an earlier execution still go, so the sweep does not keep finding them.
            await DeleteQuietlyAsync(notYetStarted ? [] : stale, cancellationToken).ConfigureAwait(false);
            if (cached is not null)
            {
                _executions.Put(instanceId, cached);
            }

            return false;
        }

        var past = cached?.Past ?? HistoryRows.Read(rows, instance.ExecutionId);
        var (commit, executor) = PlanCommit(instance, past, cached?.Executor, ready, pending, stale, now);
        if (delivered is not null && (!commit.SendsOnly || !commit.Consumed.Contains(delivered)))
        {
            // The decision cannot carry the outcome in one transaction (or left it for later): write nothing. The executor
            // has moved on with the decision, so it is not kept; the next episode replays.
            return false;
        }

        if (commit.SendsOnly && _hub.Transactional is not null)
        {
            // The messages commit with the episode: no outbox row to write, dispatch and delete.
            var operations = commit.OperationsWithoutOutbox;
            var etags = await _hub.ExecuteAndSendAsync(operations, commit.Messages.Select(m => _hub.ToSend(m, now)).ToList(), completing, now, cancellationToken)
                .ConfigureAwait(false);
            Logs.EpisodeCommitted(_logger, instanceId, instance.Name, commit.Decision.Status, commit.Decision.Scheduled.Count);
            Remember(instance, commit, executor, past, operations, etags);
            return completing is not null;
        }

        var committed = await _hub.Instances.ExecuteBatchAsync(commit.Operations, cancellationToken).ConfigureAwait(false);
        Logs.EpisodeCommitted(_logger, instanceId, instance.Name, commit.Decision.Status, commit.Decision.Scheduled.Count);
        if (commit.Outbox is { } outbox)
        {
            // Not cached: until its outbox is dispatched, the next episode must read the whole partition to find it.
            await DispatchAsync(outbox, cancellationToken).ConfigureAwait(false);
            return false;
        }

        Remember(instance, commit, executor, past, commit.Operations, committed);
        return false;
    }

    /// <summary>
    /// The rows an episode needs. For a cached execution, first only the instance row and the inbox: enough when the
    /// instance row still has the ETag of the commit that cached it (no other worker has run an episode since). Otherwise,
    /// or without a cached execution, the whole partition (unless <paramref name="wholeOnMismatch"/> is off: then the
    /// rows read so far, without the execution).
    /// </summary>
    private async Task<(IReadOnlyList<TableEntity> Rows, CachedExecution? Cached)> ReadEpisodeRowsAsync(
        string instanceId, CachedExecution? cached, bool wholeOnMismatch, CancellationToken cancellationToken)
    {
        if (cached is not null)
        {
            var rows = await _hub.Instances.QueryPartitionAsync(instanceId, RowKeys.InstanceAndInboxPrefix, cancellationToken).ConfigureAwait(false);
            if (rows.FirstOrDefault(r => r.RowKey == RowKeys.Instance) is { } instance && instance.ETag == cached.InstanceETag)
            {
                return (rows, cached);
            }

            if (!wholeOnMismatch)
            {
                return (rows, null);
            }
        }

        return (await _hub.Instances.QueryPartitionAsync(instanceId, cancellationToken: cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>Keeps the execution of a running instance after its episode committed, for the next episode to continue.</summary>
    private void Remember(
        InstanceRow instance, EpisodeCommit commit, OrchestrationExecutor? executor, List<StoredHistoryEvent> past, IReadOnlyList<TableOperation> operations, IReadOnlyList<string?> etags)
    {
        var decision = commit.Decision;
        if (!_executions.IsEnabled || executor is null || decision.NextExecution is not null ||
            decision.Status is not (StoredStatus.Running or StoredStatus.Suspended))
        {
            return;
        }

        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i].Entity.RowKey == RowKeys.Instance && etags[i] is { } etag)
            {
                executor.MarkCommitted();
                past.AddRange(decision.Appended);
                _executions.Put(instance.InstanceId, new CachedExecution(etag, past, executor));
                return;
            }
        }
    }

    /// <summary>
    /// Decides the episode over as many ready messages as one batch can commit. Replay is deterministic, so deciding
    /// again over a prefix of them is safe; the rest wait for the next episode. An episode too large even with a single
    /// message (it creates more timers at once than a batch holds) fails the instance rather than every wake-up.
    /// </summary>
    /// <remarks>
    /// A cached execution (<paramref name="resume"/>) decides the first try only: deciding changes it, so a smaller try
    /// replays afresh. Returns the executor that decided the commit (none for a terminate or an unknown orchestrator).
    /// </remarks>
    private (EpisodeCommit Commit, OrchestrationExecutor? Executor) PlanCommit(
        InstanceRow instance, List<StoredHistoryEvent> past, OrchestrationExecutor? resume, List<InboxRow> ready, List<InboxRow> pending, List<TableOperation> stale, DateTimeOffset now)
    {
        for (var take = Math.Min(ready.Count, MaxInboxMessagesPerEpisode); ; take /= 2)
        {
            var consumed = ready[..take];
            var (decision, executor) = Decide(instance, past, consumed, now, resume);
            resume = null;
            var commit = new EpisodeCommit(instance, decision, consumed, pending.Except(consumed).ToList(), stale, now);
            if (commit.FitsOneBatch)
            {
                return (commit, executor);
            }

            if (take <= 1)
            {
                var failure = new StoredFailure(
                    "EpisodeTooLarge",
                    $"An episode of '{instance.InstanceId}' needs {commit.Operations.Count} storage operations, more than the {TableBatch.MaxOperations} " +
                    "one batch holds, even when it applies a single message: each durable timer created in one step is a row. Create fewer timers at once.");
                Logs.EpisodeTooLarge(_logger, instance.InstanceId, instance.Name, commit.Operations.Count);
                StoredHistoryEvent[] appended =
                [
                    new(HistoryEventType.OrchestratorStarted, now),
                    new(HistoryEventType.ExecutionCompleted, now) { Status = StoredStatus.Failed, Failure = failure },
                ];
                return (new EpisodeCommit(instance, EpisodeDecision.Failed(appended, failure, now), [], pending, stale, now), null);
            }

            Logs.EpisodeSplit(_logger, instance.InstanceId, take, commit.Operations.Count);
        }
    }

    private (EpisodeDecision Decision, OrchestrationExecutor? Executor) Decide(
        InstanceRow instance, List<StoredHistoryEvent> past, List<InboxRow> consumed, DateTimeOffset now, OrchestrationExecutor? resume)
    {
        var arrived = new List<StoredHistoryEvent> { new(HistoryEventType.OrchestratorStarted, now) };
        if (instance.Status == StoredStatus.Pending)
        {
            arrived.Add(new StoredHistoryEvent(HistoryEventType.ExecutionStarted, now) { Name = instance.Name, Input = instance.Input });
        }

        var suspended = instance.Status == StoredStatus.Suspended;
        var completedTasks = past.Where(IsTaskOutcome).Select(e => e.TaskId!.Value).ToHashSet();
        var raisedEvents = past.Where(e => e.EventId is not null).Select(e => e.EventId!).ToHashSet(StringComparer.Ordinal);
        foreach (var message in consumed)
        {
            var historyEvent = message.Event;
            if (historyEvent.Type == HistoryEventType.ExecutionTerminated)
            {
                arrived.Add(historyEvent with { Timestamp = now });
                return (new EpisodeDecision(arrived, [], StoredStatus.Terminated, now) { Output = historyEvent.Result }, null);
            }

            if (historyEvent.Type is HistoryEventType.ExecutionSuspended or HistoryEventType.ExecutionResumed)
            {
                // A suspend of a suspended instance, or a resume of a running one, changes nothing and is not recorded.
                var suspends = historyEvent.Type == HistoryEventType.ExecutionSuspended;
                if (suspends != suspended)
                {
                    suspended = suspends;
                    arrived.Add(historyEvent with { Timestamp = now });
                }

                continue;
            }

            // At most once into history: a duplicate delivery of an outcome, or a second raise of an event id, is dropped here.
            var duplicate = IsTaskOutcome(historyEvent)
                ? !completedTasks.Add(historyEvent.TaskId!.Value)
                : historyEvent.EventId is { } eventId && !raisedEvents.Add(eventId);
            if (!duplicate)
            {
                arrived.Add(historyEvent);
            }
        }

        if (!_orchestrators.TryGetValue(instance.Name, out var orchestrator))
        {
            var failure = new StoredFailure(StoredFailure.OrchestratorNotFound, $"No orchestrator named '{instance.Name}' is registered with this worker.");
            arrived.Add(new StoredHistoryEvent(HistoryEventType.ExecutionCompleted, now) { Status = StoredStatus.Failed, Failure = failure });
            return (EpisodeDecision.Failed(arrived, failure, now), null);
        }

        var executor = resume ?? new OrchestrationExecutor(instance, orchestrator, QueueOf, _services, _converter, _loggerFactory);
        var decided = resume is null ? executor.Execute(past, arrived) : executor.Continue(arrived);
        var decision = decided with { CustomStatus = executor.CustomStatus, HasCustomStatus = true };
        return (suspended && decision.Status == StoredStatus.Running ? decision with { Status = StoredStatus.Suspended } : decision, executor);
    }

    /// <summary>
    /// The ready messages the episode may apply: all of them, but from a suspend on only suspend, resume and terminate
    /// requests until a resume; the rest wait in the inbox, in order.
    /// </summary>
    private static List<InboxRow> ApplicableNow(List<InboxRow> ready, bool suspended)
    {
        var applicable = new List<InboxRow>(ready.Count);
        foreach (var message in ready)
        {
            if (message.IsControl || !suspended)
            {
                applicable.Add(message);
            }

            suspended = message.Event.Type switch
            {
                HistoryEventType.ExecutionSuspended => true,
                HistoryEventType.ExecutionResumed => false,
                _ => suspended,
            };
        }

        return applicable;
    }

    private static bool IsTaskOutcome(StoredHistoryEvent historyEvent) => historyEvent.Type is
        HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired or
        HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed;

    private async Task DeleteQuietlyAsync(List<TableOperation> deletes, CancellationToken cancellationToken)
    {
        foreach (var chunk in deletes.Chunk(TableBatch.MaxOperations))
        {
            try
            {
                await _hub.Instances.ExecuteBatchAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
            catch (TableConflictException)
            {
                // Someone else cleaned up (or rewrote) these rows first; the next wake-up looks again.
            }
        }
    }
}
