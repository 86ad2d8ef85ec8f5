using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// The table and queues of one task hub, created once per process and then remembered. With
/// <paramref name="localWorkers"/>, a message a commit sends to a queue whose pump in this process has a free slot is
/// written as received by this process and handed to that slot once committed.
/// </summary>
internal sealed class TaskHubStorage(IStorageProvider storage, EngineOptions options, LocalQueueWorkers? localWorkers = null)
{
    private readonly Lazy<Task> _created = new(() => CreateAsync(storage, options));
    private readonly LocalQueueWorkers _localWorkers = localWorkers ?? new LocalQueueWorkers();

    public ITable Instances { get; } = storage.GetTable(options.InstancesTable);

    public IQueue Orchestrations { get; } = storage.GetQueue(options.OrchestrationQueue);

    /// <summary>
    /// The storage as one transaction over the table and the queues, when it is one (SQLite): a write and the messages it
    /// causes then go together, with no outbox and no second round trip.
    /// </summary>
    public ITransactionalStorage? Transactional { get; } = storage.AsTransactional();

    public EngineOptions Options => options;

    public IQueue Queue(string name) => storage.GetQueue(name);

    public Task EnsureCreatedAsync() => _created.Value;

    /// <summary>The longest a queue message may be delayed (Azure Storage allows 7 days); later wake-ups come from the sweep.</summary>
    public static readonly TimeSpan MaxMessageDelay = TimeSpan.FromDays(6);

    /// <summary>Sends a wake-up for <paramref name="instanceId"/>, visible at <paramref name="visibleAt"/> (now when absent).</summary>
    public Task WakeAsync(string instanceId, DateTimeOffset now, DateTimeOffset? visibleAt = null, CancellationToken cancellationToken = default) =>
        Orchestrations.SendAsync(instanceId, DelayUntil(visibleAt, now), cancellationToken);

    /// <summary>A wake-up as a message for <see cref="ITransactionalStorage.ExecuteBatchAndSendAsync"/>.</summary>
    public QueueSend WakeUp(string instanceId, DateTimeOffset now, DateTimeOffset? visibleAt = null) =>
        new(options.OrchestrationQueue, instanceId, DelayUntil(visibleAt, now));

    /// <summary>An outbox message of kind <see cref="OutboxMessageKind.Send"/> as a message to send with the episode's commit.</summary>
    public QueueSend ToSend(OutboxMessage message, DateTimeOffset now) =>
        message.Queue is null ? WakeUp(message.Body!, now, message.VisibleAt) : new QueueSend(message.Queue, message.Body!);

    /// <summary>
    /// Applies <paramref name="operations"/> to the instances table, sends <paramref name="messages"/> and completes
    /// <paramref name="completing"/> atomically (only when <see cref="Transactional"/> is set); messages due now to a queue
    /// with a free slot in this process are handed to it (<see cref="LocalQueueWorkers"/>). Returns the batch's new ETags.
    /// </summary>
    public Task<IReadOnlyList<string?>> ExecuteAndSendAsync(
        IReadOnlyList<TableOperation> operations, IReadOnlyList<QueueSend> messages, QueueCompletion? completing, DateTimeOffset now, CancellationToken cancellationToken) =>
        _localWorkers.ExecuteBatchAndHandOverAsync(Transactional!, options.InstancesTable, operations, messages, completing is null ? null : [completing], now, cancellationToken);

    private static TimeSpan? DelayUntil(DateTimeOffset? visibleAt, DateTimeOffset now) =>
        visibleAt is { } at && at > now ? TimeSpan.FromTicks(Math.Min((at - now).Ticks, MaxMessageDelay.Ticks)) : null;

    /// <summary>Writes <paramref name="message"/> into its instance's inbox (overwriting a duplicate) and wakes the instance.</summary>
    /// <returns>Whether <paramref name="completing"/> went with the write.</returns>
    public async Task<bool> DeliverAsync(InboxRow message, DateTimeOffset now, QueueCompletion? completing = null, CancellationToken cancellationToken = default)
    {
        if (Transactional is not null)
        {
            await ExecuteAndSendAsync([TableOperation.Upsert(message.ToEntity())], [WakeUp(message.InstanceId, now, message.ReadyAt)], completing, now, cancellationToken)
                .ConfigureAwait(false);
            return completing is not null;
        }

        await Instances.ExecuteBatchAsync([TableOperation.Upsert(message.ToEntity())], cancellationToken).ConfigureAwait(false);
        await WakeAsync(message.InstanceId, now, message.ReadyAt, cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// Creates a pending instance and wakes it when it is due (<see cref="InstanceRow.NextWakeAt"/>), and returns it; when the id is taken,
    /// returns the instance that has it. Starting an existing instance changes nothing but, if it is still pending, sends
    /// its wake-up again (the first caller may have crashed between the two steps).
    /// </summary>
    public async Task<InstanceRow> StartAsync(InstanceRow pending, CancellationToken cancellationToken = default)
    {
        InstanceRow started;
        try
        {
            if (Transactional is not null)
            {
                // The row and its wake-up together: nothing to resend after a crash.
                await ExecuteAndSendAsync([TableOperation.Insert(pending.ToEntity())], [WakeUp(pending.InstanceId, pending.CreatedAt, pending.NextWakeAt)], null, pending.CreatedAt, cancellationToken)
                    .ConfigureAwait(false);
                return pending;
            }

            await Instances.ExecuteBatchAsync([TableOperation.Insert(pending.ToEntity())], cancellationToken).ConfigureAwait(false);
            started = pending;
        }
        catch (TableConflictException exception) when (exception.Reason == TableConflictReason.EntityAlreadyExists)
        {
            var existing = await Instances.GetAsync(pending.InstanceId, RowKeys.Instance, cancellationToken).ConfigureAwait(false);
            started = existing is null ? pending : InstanceRow.FromEntity(existing);
            if (started.Status != StoredStatus.Pending)
            {
                return started;
            }
        }

        await WakeAsync(started.InstanceId, pending.CreatedAt, started.NextWakeAt, cancellationToken).ConfigureAwait(false);
        return started;
    }

    /// <summary>
    /// Replaces the finished instance <paramref name="finished"/> with <paramref name="pending"/>, a new execution under
    /// the same id (guarded by the finished row's ETag), and wakes it. The old execution's rows are stale from then on
    /// and go with the next episodes.
    /// </summary>
    public async Task RestartAsync(InstanceRow finished, InstanceRow pending, CancellationToken cancellationToken = default)
    {
        await Instances.ExecuteBatchAsync([TableOperation.Replace(pending.ToEntity(), finished.ETag!)], cancellationToken).ConfigureAwait(false);
        await WakeAsync(pending.InstanceId, pending.CreatedAt, pending.NextWakeAt, cancellationToken).ConfigureAwait(false);
    }

    public static EngineOptions Resolve(string taskHub)
    {
        StorageNames.ValidateTable(taskHub + "Instances");
        var lower = taskHub.ToLowerInvariant();
        return new EngineOptions(taskHub, taskHub + "Instances", lower + "-orchestrations", lower + "-activities");
    }

    private static async Task CreateAsync(IStorageProvider storage, EngineOptions options)
    {
        await storage.GetTable(options.InstancesTable).CreateIfNotExistsAsync().ConfigureAwait(false);
        await storage.GetQueue(options.OrchestrationQueue).CreateIfNotExistsAsync().ConfigureAwait(false);
        await storage.GetQueue(options.DefaultActivityQueue).CreateIfNotExistsAsync().ConfigureAwait(false);
    }
}
