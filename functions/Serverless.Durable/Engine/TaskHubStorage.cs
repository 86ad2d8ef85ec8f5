using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>The table and queues of one task hub, created once per process and then remembered.</summary>
internal sealed class TaskHubStorage(IStorageProvider storage, EngineOptions options)
{
    private readonly Lazy<Task> _created = new(() => CreateAsync(storage, options));

    public ITable Instances { get; } = storage.GetTable(options.InstancesTable);

    public IQueue Orchestrations { get; } = storage.GetQueue(options.OrchestrationQueue);

    public EngineOptions Options => options;

    public IQueue Queue(string name) => storage.GetQueue(name);

    public Task EnsureCreatedAsync() => _created.Value;

    /// <summary>The longest a queue message may be delayed (Azure Storage allows 7 days); later wake-ups come from the sweep.</summary>
    public static readonly TimeSpan MaxMessageDelay = TimeSpan.FromDays(6);

    /// <summary>Sends a wake-up for <paramref name="instanceId"/>, visible at <paramref name="visibleAt"/> (now when absent).</summary>
    public Task WakeAsync(string instanceId, DateTimeOffset now, DateTimeOffset? visibleAt = null, CancellationToken cancellationToken = default)
    {
        TimeSpan? delay = visibleAt is { } at && at > now ? TimeSpan.FromTicks(Math.Min((at - now).Ticks, MaxMessageDelay.Ticks)) : null;
        return Orchestrations.SendAsync(instanceId, delay, cancellationToken);
    }

    /// <summary>Writes <paramref name="message"/> into its instance's inbox (overwriting a duplicate) and wakes the instance.</summary>
    public async Task DeliverAsync(InboxRow message, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await Instances.ExecuteBatchAsync([TableOperation.Upsert(message.ToEntity())], cancellationToken).ConfigureAwait(false);
        await WakeAsync(message.InstanceId, now, message.ReadyAt, cancellationToken).ConfigureAwait(false);
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
            await Instances.ExecuteBatchAsync([TableOperation.Insert(pending.ToEntity())], cancellationToken).ConfigureAwait(false);
            started = pending;
        }
        catch (TableConflictException exception) when (exception.Reason == TableConflictReason.EntityAlreadyExists)
        {
            var existing = await Instances.GetAsync(pending.InstanceId, RowKeys.Instance, cancellationToken).ConfigureAwait(false);
            started = existing is null ? pending : InstanceRow.FromEntity(existing);
            if (started.Status != OrchestrationStatus.Pending)
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
