using System.Text.Json;
using Serverless.Durable.History;
using Serverless.Durable.Serialization;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// Sends what an outbox row holds: wake-ups and work items, deliveries to other instances' inboxes, sub-orchestration
/// starts. Every target is idempotent, so a dispatch cut short is repeated whole.
/// </summary>
internal sealed class OutboxDispatcher(TaskHubStorage hub, TimeProvider time, string defaultVersion)
{
    /// <summary>
    /// Dispatches the outbox rows among <paramref name="rows"/> (a dispatch cut short, or a claim that ran out), except
    /// those a process still holds a claim on.
    /// </summary>
    public async Task DispatchLeftoversAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var row in rows)
        {
            if (RowKeys.IsOutbox(row.RowKey) && !OutboxClaim.IsHeld(row, now))
            {
                _ = await DispatchAsync(row, hold: false, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Dispatches every outbox row worker <paramref name="workerId"/>, found dead, held (<see cref="OutboxHold"/>):
    /// the work items it ran on claims, and the outboxes it kept for its next commit, which it may have died before
    /// dispatching; returns how many. One query over the table: it runs once per dead worker.
    /// </summary>
    public async Task<int> DispatchHeldByAsync(string workerId, CancellationToken cancellationToken)
    {
        var dispatched = 0;
        await foreach (var row in hub.Instances.QueryAllAsync(OutboxHold.HeldBy(workerId), cancellationToken)
            .ConfigureAwait(false))
        {
            _ = await DispatchAsync(row, hold: false, cancellationToken).ConfigureAwait(false);
            dispatched++;
        }

        return dispatched;
    }

    /// <summary>
    /// Sends every message of a committed outbox row, then deletes the row, or with <paramref name="hold"/> returns
    /// its delete for the execution's next commit to carry. A crash in between resends: every target is idempotent.
    /// </summary>
    public async Task<TableOperation?> DispatchAsync(
        TableEntity outbox, bool hold, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var messages = JsonSerializer.Deserialize(outbox["Messages"]!, DurableJsonContext.Stored.ListOutboxMessage)!;

        // Together: the targets are independent, and a storage that commits concurrent writes in groups takes them in
        // one.
        await Task.WhenAll(messages.Select(message => DispatchAsync(message, now, cancellationToken)))
            .ConfigureAwait(false);
        var delete = TableOperation.Delete(outbox.PartitionKey, outbox.RowKey);
        if (hold)
        {
            return delete;
        }

        try
        {
            await hub.Instances.ExecuteBatchAsync([delete], cancellationToken).ConfigureAwait(false);
        }
        catch (TableConflictException)
        {
            // Another worker dispatched and deleted it too.
        }

        return null;
    }

    private Task DispatchAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (message.Kind)
        {
            case OutboxMessageKind.Send when message.Queue is null:
                return hub.WakeAsync(message.Body!, now, message.VisibleAt, cancellationToken);
            case OutboxMessageKind.Send:
                return hub.Queue(message.Queue).SendAsync(message.Body!, null, cancellationToken);
            case OutboxMessageKind.Deliver:
                var delivered =
                    new InboxRow(message.InstanceId!, message.InboxKey!, message.ExecutionId!, message.Event!, now)
                    {
                        TraceParent = message.TraceParent,
                        TraceState = message.TraceState,
                    };
                return hub.DeliverAsync(delivered, now, cancellationToken: cancellationToken);
            case OutboxMessageKind.Start:
                return StartSubOrchestrationAsync(message, now, cancellationToken);
            default:
                throw new InvalidOperationException($"Unknown outbox message kind {message.Kind}.");
        }
    }

    /// <summary>
    /// Starts a sub-orchestration. Finding it already started by this very task (an earlier dispatch of the same outbox
    /// message) is success; finding it finished after an earlier task of the same parent execution started it (a retry
    /// of the call under an instance id the parent chose) runs it again as a new execution, as Durable Functions does;
    /// finding the id taken by any other instance fails the parent's task instead of leaving it waiting.
    /// </summary>
    private async Task StartSubOrchestrationAsync(
        OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parent = message.Parent!;
        var executionId = Guid.NewGuid().ToString("N");
        var pending = new InstanceRow(message.InstanceId!, message.Name!, executionId, StoredStatus.Pending)
        {
            Input = message.Input,
            Version = message.Version ?? defaultVersion,
            CreatedAt = now,
            LastUpdatedAt = now,
            NextWakeAt = now,
            Parent = parent,
            TraceParent = message.TraceParent,
            TraceState = message.TraceState,
        };
        var started = await hub.StartAsync(pending, cancellationToken).ConfigureAwait(false);
        if (started.Parent == parent)
        {
            return;
        }

        if (started.Status.IsTerminal() && started.Parent is { } earlier &&
            earlier.InstanceId == parent.InstanceId && earlier.ExecutionId == parent.ExecutionId &&
            earlier.TaskId < parent.TaskId)
        {
            // ETag-guarded: a concurrent dispatch of this same start loses the race, fails this message, and on
            // redelivery finds the child started by this very task.
            await hub.RestartAsync(started, pending, cancellationToken).ConfigureAwait(false);
            return;
        }

        var failure = new StoredFailure(
            "InstanceAlreadyExists",
            $"Sub-orchestration '{message.Name}' cannot start as instance '{message.InstanceId}': an instance with " +
            "that id already exists " +
            $"and was not started by this task ('{started.Name}', {started.Status}).");
        var failed = new StoredHistoryEvent(HistoryEventType.SubOrchestrationInstanceFailed, now) { Failure = failure };
        await DispatchAsync(OutboxMessage.ToParent(parent, failed), now, cancellationToken).ConfigureAwait(false);
    }
}
