using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// The table and queues of one task hub, created once per process and then remembered, and the
/// <see cref="EpisodeCommitter"/> its storage takes.
/// </summary>
internal sealed class TaskHubStorage
{
    private readonly IStorageProvider _storage;
    private readonly EngineOptions _options;
    private readonly Lazy<Task> _created;

    /// <summary>
    /// Opens the task hub <paramref name="options"/> names in <paramref name="storage"/>. With
    /// <paramref name="localWorkers"/>, a message a commit sends to a queue whose pump in this process has a free slot
    /// is written as received by this process and handed to that slot once committed.
    /// </summary>
    public TaskHubStorage(IStorageProvider storage, EngineOptions options, LocalQueueWorkers? localWorkers = null)
    {
        _storage = storage;
        _options = options;
        _created = new(() => CreateAsync(storage, options));
        Instances = storage.GetTable(options.InstancesTable);
        Orchestrations = storage.GetQueue(options.OrchestrationQueue);
        Committer = EpisodeCommitter.For(storage, this, localWorkers ?? new LocalQueueWorkers());
    }

    public ITable Instances { get; }

    public IQueue Orchestrations { get; }

    /// <summary>How writes and the messages they cause go together on this storage, chosen once.</summary>
    public EpisodeCommitter Committer { get; }

    public EngineOptions Options => _options;

    public IQueue Queue(string name) => _storage.GetQueue(name);

    public Task EnsureCreatedAsync() => _created.Value;

    /// <summary>
    /// The longest a queue message may be delayed (Azure Storage allows 7 days); later wake-ups come from the sweep.
    /// </summary>
    public static readonly TimeSpan MaxMessageDelay = TimeSpan.FromDays(6);

    /// <summary>
    /// Sends a wake-up for <paramref name="instanceId"/>, visible at <paramref name="visibleAt"/> (now when absent).
    /// </summary>
    public Task WakeAsync(
        string instanceId,
        DateTimeOffset now,
        DateTimeOffset? visibleAt = null,
        CancellationToken cancellationToken = default) =>
        Orchestrations.SendAsync(instanceId, DelayUntil(visibleAt, now), cancellationToken);

    /// <summary>A wake-up as a message for <see cref="ITransactionalStorage.ExecuteBatchAndSendAsync"/>.</summary>
    public QueueSend WakeUp(string instanceId, DateTimeOffset now, DateTimeOffset? visibleAt = null) =>
        new(_options.OrchestrationQueue, instanceId, DelayUntil(visibleAt, now));

    private static TimeSpan? DelayUntil(DateTimeOffset? visibleAt, DateTimeOffset now) =>
        visibleAt is { } at && at > now ? TimeSpan.FromTicks(Math.Min((at - now).Ticks, MaxMessageDelay.Ticks)) : null;

    /// <summary>
    /// Writes <paramref name="message"/> into its instance's inbox (overwriting a duplicate) and wakes the instance.
    /// </summary>
    /// <returns>Whether <paramref name="completing"/> went with the write.</returns>
    public Task<bool> DeliverAsync(
        InboxRow message,
        DateTimeOffset now,
        QueueCompletion? completing = null,
        CancellationToken cancellationToken = default) =>
        Committer.WriteAndWakeAsync(
            TableOperation.Upsert(message.ToEntity()),
            message.InstanceId,
            now,
            message.ReadyAt,
            completing,
            cancellationToken);

    /// <summary>
    /// Creates a pending instance and wakes it when it is due (<see cref="InstanceRow.NextWakeAt"/>), and returns it;
    /// when the id is taken, returns the instance that has it. Starting an existing instance changes nothing but, if it
    /// is still pending, sends its wake-up again (the first caller may have crashed between the two steps).
    /// </summary>
    public async Task<InstanceRow> StartAsync(InstanceRow pending, CancellationToken cancellationToken = default)
    {
        try
        {
            // Where the strategy can, the row and its wake-up together: nothing to resend after a crash.
            var insert = TableOperation.Insert(pending.ToEntity());
            await Committer
                .WriteAndWakeAsync(
                    insert,
                    pending.InstanceId,
                    pending.CreatedAt,
                    pending.NextWakeAt,
                    null,
                    cancellationToken)
                .ConfigureAwait(false);
            return pending;
        }
        catch (TableConflictException exception) when (exception.Reason == TableConflictReason.EntityAlreadyExists)
        {
            var existing = await Instances.GetAsync(pending.InstanceId, RowKeys.Instance, cancellationToken)
                .ConfigureAwait(false);
            var started = existing is null ? pending : InstanceRow.FromEntity(existing);
            if (started.Status == StoredStatus.Pending)
            {
                await WakeAsync(started.InstanceId, pending.CreatedAt, started.NextWakeAt, cancellationToken)
                    .ConfigureAwait(false);
            }

            return started;
        }
    }

    /// <summary>
    /// Replaces the finished instance <paramref name="finished"/> with <paramref name="pending"/>, a new execution
    /// under the same id (guarded by the finished row's ETag), and wakes it. The old execution's rows are stale from
    /// then on and go with the next episodes.
    /// </summary>
    public async Task RestartAsync(
        InstanceRow finished,
        InstanceRow pending,
        CancellationToken cancellationToken = default)
    {
        await Instances.ExecuteBatchAsync(
            [TableOperation.Replace(pending.ToEntity(), finished.ETag!)],
            cancellationToken)
            .ConfigureAwait(false);
        await WakeAsync(pending.InstanceId, pending.CreatedAt, pending.NextWakeAt, cancellationToken)
            .ConfigureAwait(false);
    }

    public static EngineOptions Resolve(string taskHub)
    {
        StorageNames.ValidateTable(taskHub + "Instances");
        var lower = taskHub.ToLowerInvariant();
        return new EngineOptions(taskHub, taskHub + "Instances", lower + "-orchestrations", lower + "-activities");
    }

    /// <summary>
    /// Deletes <paramref name="deletes"/> in batches, leaving rows someone else deleted or rewrote first.
    /// </summary>
    public async Task DeleteQuietlyAsync(List<TableOperation> deletes, CancellationToken cancellationToken)
    {
        foreach (var chunk in deletes.Chunk(TableBatch.MaxOperations))
        {
            try
            {
                await Instances.ExecuteBatchAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
            catch (TableConflictException)
            {
                // Someone else cleaned up (or rewrote) these rows first; the next wake-up looks again.
            }
        }
    }

    private static async Task CreateAsync(IStorageProvider storage, EngineOptions options)
    {
        await storage.GetTable(options.InstancesTable).CreateIfNotExistsAsync().ConfigureAwait(false);
        await storage.GetQueue(options.OrchestrationQueue).CreateIfNotExistsAsync().ConfigureAwait(false);
        await storage.GetQueue(options.DefaultActivityQueue).CreateIfNotExistsAsync().ConfigureAwait(false);
    }
}
