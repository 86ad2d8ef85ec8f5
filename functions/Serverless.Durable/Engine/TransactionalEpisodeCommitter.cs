using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// The commit strategy of a storage whose table and queues are one transaction (SQLite): a write, the messages it
/// causes and the completion of the message that caused it commit together, with no outbox and no second round trip.
/// Messages due now to a queue with a free slot in this process are handed to it (<see cref="LocalQueueWorkers"/>).
/// An episode that starts a sub-orchestration or delivers to another instance still goes through the outbox.
/// </summary>
internal sealed class TransactionalEpisodeCommitter(
    TaskHubStorage hub, ITransactionalStorage transactional, LocalQueueWorkers localWorkers) : EpisodeCommitter
{
    private readonly OutboxEpisodeCommitter _outbox = new(hub);

    /// <inheritdoc />
    public override CommittingEpisode Commit(
        EpisodeCommit commit, QueueCompletion? completing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!commit.SendsOnly)
        {
            return _outbox.Commit(commit, completing, now, cancellationToken);
        }

        // The messages commit with the episode: no outbox row to write, dispatch and delete.
        var operations = commit.OperationsWithoutOutbox;
        var messages = commit.Messages.Select(m => ToSend(m, now)).ToList();
        var written = ExecuteAndSendAsync(operations, messages, completing, now, cancellationToken);
        return new CommittingEpisode(operations, written, Outbox: null, Completed: completing is not null);
    }

    /// <inheritdoc />
    public override async Task<bool> WriteAndWakeAsync(
        TableOperation operation,
        string instanceId,
        DateTimeOffset now,
        DateTimeOffset? visibleAt,
        QueueCompletion? completing,
        CancellationToken cancellationToken)
    {
        var wakeUp = hub.WakeUp(instanceId, now, visibleAt);
        await ExecuteAndSendAsync([operation], [wakeUp], completing, now, cancellationToken).ConfigureAwait(false);
        return completing is not null;
    }

    private Task<IReadOnlyList<string?>> ExecuteAndSendAsync(
        IReadOnlyList<TableOperation> operations,
        IReadOnlyList<QueueSend> messages,
        QueueCompletion? completing,
        DateTimeOffset now,
        CancellationToken cancellationToken) =>
        localWorkers.ExecuteBatchAndHandOverAsync(
            transactional,
            hub.Options.InstancesTable,
            operations,
            messages,
            completing is null ? null : [completing],
            now,
            cancellationToken);

    /// <summary>A message of kind <see cref="OutboxMessageKind.Send"/> as a message sent with the commit.</summary>
    private QueueSend ToSend(OutboxMessage message, DateTimeOffset now) =>
        message.Queue is null
            ? hub.WakeUp(message.Body!, now, message.VisibleAt)
            : new QueueSend(message.Queue, message.Body!);
}
