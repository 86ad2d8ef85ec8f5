using System.Text.Json;
using Serverless.Durable.History;
using Serverless.Durable.Serialization;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// Turns an episode's decision into ONE batch on the instance partition, guarded by the instance row's ETag: append the
/// history, delete the consumed inbox rows, write new timers, update the instance row, and record the outbox.
/// <c>unreadWake</c> is the instance's due time kept from before when the episode did not read its inbox.
/// </summary>
internal sealed class EpisodeCommit
{
    private readonly List<TableOperation> _operations;

    public EpisodeCommit(
        InstanceRow instance,
        EpisodeDecision decision,
        List<InboxRow> consumed,
        List<InboxRow> remaining,
        List<TableOperation> stale,
        DateTimeOffset now,
        DateTimeOffset? unreadWake = null,
        IEnumerable<TableOperation>? pendingDeletes = null)
    {
        Decision = decision;
        var operations = new List<TableOperation>();
        var messages = decision.Scheduled.SelectMany(t => t.Messages).ToList();
        var sequence = instance.HistorySequence + 1;
        operations.Add(TableOperation.Insert(new TableEntity(
            instance.InstanceId,
            RowKeys.History(instance.ExecutionId, sequence))
        {
            Properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [HistoryRows.EventsProperty] = JsonSerializer.Serialize(
                    decision.Appended.ToList(),
                    DurableJsonContext.Stored.ListStoredHistoryEvent),
            },
        }));
        operations.AddRange(pendingDeletes ?? []);

        // A message applied straight from its sender (an activity outcome) has no row to delete.
        operations.AddRange(consumed.Where(m => m.ETag is not null).Select(m => TableOperation.Delete(
            instance.InstanceId,
            m.RowKey,
            m.ETag!)));
        Consumed = consumed;

        var waiting = remaining.Select(m => m.ReadyAt).ToList();
        if (unreadWake is { } due)
        {
            waiting.Add(due);
        }

        foreach (var timer in decision.Scheduled.Where(t => t.ScheduledAs == HistoryEventType.TimerCreated))
        {
            var fireAt = timer.Scheduled!.FireAt!.Value;
            var fired = new StoredHistoryEvent(
                HistoryEventType.TimerFired,
                fireAt) { TaskId = timer.TaskId, FireAt = fireAt };
            operations.Add(TableOperation.Upsert(new InboxRow(
                instance.InstanceId,
                RowKeys.TimerFired(instance.ExecutionId, timer.TaskId),
                instance.ExecutionId,
                fired,
                fireAt).ToEntity()));
            messages.Add(WakeUp(instance.InstanceId, fireAt));
            waiting.Add(fireAt);
        }

        var next = instance with
        {
            Status = decision.Status,
            LastUpdatedAt = now,
            HistorySequence = sequence,
            CustomStatus = decision.HasCustomStatus ? decision.CustomStatus : instance.CustomStatus,
            ETag = null,
        };
        if (decision.Status.IsTerminal())
        {
            next = next with
            {
                Output = decision.Output,
                Failure = decision.Failure,
                CompletedAt = now,
                NextWakeAt = null,
            };
            if (instance.Parent is { } parent)
            {
                messages.Add(NotifyParent(parent, decision, now));
            }
        }
        else if (decision.NextExecution is { } nextExecution)
        {
            var executionId = Guid.NewGuid().ToString("N");
            next = next with
            {
                ExecutionId = executionId,
                Input = nextExecution.Input,
                Version = decision.NextVersion ?? instance.Version,
                HistorySequence = 0,
                NextWakeAt = now,
                Output = null,
                Failure = null,
            };
            foreach (var carried in nextExecution.CarriedOver)
            {
                var eventId = Guid.NewGuid().ToString("N");
                operations.Add(TableOperation.Upsert(new InboxRow(
                    instance.InstanceId,
                    RowKeys.Event(eventId),
                    executionId,
                    carried,
                    now).ToEntity()));
            }

            messages.Add(WakeUp(instance.InstanceId, now));
        }
        else
        {
            // A suspended instance leaves its ready messages where they are until a resume wakes it.
            if (decision.Status != StoredStatus.Suspended && remaining.Any(m => m.ReadyAt <= now))
            {
                messages.Add(WakeUp(instance.InstanceId, now));
            }

            next = next with { NextWakeAt = waiting.Count == 0 ? null : waiting.Min() };
        }

        operations.Add(TableOperation.Replace(next.ToEntity(), instance.ETag!));
        Messages = messages;

        // A running instance that schedules an activity hears back in the usual case within seconds, in this process:
        // its outbox row can go with that commit instead of a request of its own.
        CanHoldOutbox = messages.Count > 0 && decision.NextExecution is null &&
            decision.Status == StoredStatus.Running &&
            messages.Any(m => m.Kind == OutboxMessageKind.Send && m.Queue is not null);
        if (messages.Count > 0)
        {
            Outbox = new TableEntity(instance.InstanceId, RowKeys.Outbox(instance.ExecutionId, sequence))
            {
                Properties = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["Messages"] = JsonSerializer.Serialize(messages, DurableJsonContext.Stored.ListOutboxMessage),

                    // Due like a ready inbox message, so the sweep finds an outbox whose dispatch was cut short (the
                    // next episode dispatches it at once anyway); a held one later (HoldOutbox, ClaimOutbox).
                    [InboxRow.ReadyAtProperty] = Timestamps.Format(now),
                },
            };
            operations.Add(TableOperation.Insert(Outbox));
        }

        // Clean-up rides along only in the room left; later episodes delete the rest.
        var room = Math.Max(TableBatch.MaxOperations - operations.Count, 0);
        operations.AddRange(stale.Where(s => !operations.Any(o => o.Entity.RowKey == s.Entity.RowKey)).Take(room));
        _operations = operations;
    }

    public EpisodeDecision Decision { get; }

    /// <summary>The inbox messages the episode applies.</summary>
    public IReadOnlyList<InboxRow> Consumed { get; }

    public IReadOnlyList<TableOperation> Operations => _operations;

    /// <summary>
    /// Whether <see cref="Operations"/> fit one batch; when not, the episode must decide over fewer messages.
    /// </summary>
    public bool FitsOneBatch => Operations.Count <= TableBatch.MaxOperations;

    /// <summary>The outbox row written by this commit, if the episode sends anything.</summary>
    public TableEntity? Outbox { get; private set; }

    /// <summary>
    /// Whether <see cref="Outbox"/>, once dispatched, may be left for the execution's next commit to delete (it sends
    /// an activity's work item and the instance keeps running) rather than deleted on its own
    /// (<see cref="HoldOutbox"/>).
    /// </summary>
    public bool CanHoldOutbox { get; }

    /// <summary>Whether <see cref="Outbox"/> is held: claimed, or left for the next commit to delete.</summary>
    public bool HoldsOutbox { get; private set; }

    /// <summary>
    /// The work item of the one activity the episode schedules, when that is all it sends, now, and the instance keeps
    /// running: what this process may claim and run itself (<see cref="ClaimOutbox"/>).
    /// </summary>
    public OutboxMessage? LoneWorkItem =>
        CanHoldOutbox && Messages is [{ Kind: OutboxMessageKind.Send, Queue: not null, VisibleAt: null } only]
            ? only
            : null;

    /// <summary>
    /// Marks <see cref="Outbox"/> as claimed by this process (worker <paramref name="by"/>) until
    /// <paramref name="until"/>: no episode sends its work item before then, and the sweep looks at it from then on.
    /// </summary>
    public void ClaimOutbox(DateTimeOffset until, TimeSpan sweepGrace, string? by) =>
        ReplaceOutbox(OutboxClaim.Claimed(Outbox!, until, sweepGrace, by));

    /// <summary>
    /// Marks <see cref="Outbox"/> as held by worker <paramref name="by"/> for the execution's next commit to delete
    /// once dispatched: the sweep leaves it alone for <see cref="OutboxHold.NextCommitGrace"/>, and whoever finds the
    /// worker dead dispatches it at once.
    /// </summary>
    public void HoldOutbox(DateTimeOffset now, string by) =>
        ReplaceOutbox(OutboxHold.Held(Outbox!, now + OutboxHold.NextCommitGrace, by));

    /// <summary>Where <see cref="Outbox"/>'s insert stands in <see cref="Operations"/> (-1 without one).</summary>
    public int OutboxIndex => _operations.FindIndex(o => ReferenceEquals(o.Entity, Outbox));

    /// <summary>What the episode sends (the content of <see cref="Outbox"/>).</summary>
    public IReadOnlyList<OutboxMessage> Messages { get; }

    /// <summary>
    /// Whether every message is a plain queue send, which a transactional storage can commit with the episode instead
    /// of an outbox.
    /// </summary>
    public bool SendsOnly => Messages.All(m => m.Kind == OutboxMessageKind.Send);

    /// <summary>
    /// The operations without the outbox row, for a commit that sends the messages in the same transaction.
    /// </summary>
    public IReadOnlyList<TableOperation> OperationsWithoutOutbox =>
        Operations.Where(o => !ReferenceEquals(o.Entity, Outbox)).ToList();

    public static OutboxMessage WakeUp(string instanceId, DateTimeOffset visibleAt) =>
        new(OutboxMessageKind.Send) { Body = instanceId, VisibleAt = visibleAt };

    private static OutboxMessage NotifyParent(ParentInstance parent, EpisodeDecision decision, DateTimeOffset now) =>
        OutboxMessage.ToParent(parent, decision.Status == StoredStatus.Completed
            ? new StoredHistoryEvent(
                HistoryEventType.SubOrchestrationInstanceCompleted,
                now) { Result = decision.Output }
            : new StoredHistoryEvent(HistoryEventType.SubOrchestrationInstanceFailed, now)
            {
                Failure = decision.Failure
                    ?? new StoredFailure("Terminated", decision.Output ?? "The sub-orchestration was terminated."),
            });

    private void ReplaceOutbox(TableEntity held)
    {
        var index = OutboxIndex;
        Outbox = held;
        _operations[index] = TableOperation.Insert(held);
        HoldsOutbox = true;
    }
}
