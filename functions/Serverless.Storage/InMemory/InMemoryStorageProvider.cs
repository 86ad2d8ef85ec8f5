using System.Collections.Concurrent;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Storage.InMemory;

/// <summary>
/// A storage account held in memory, for tests. Time comes from the given <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class InMemoryStorageProvider(
    TimeProvider? timeProvider = null,
    QueueOptions? queueOptions = null)
    : IStorageProvider
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly QueueOptions _queueOptions = queueOptions ?? new QueueOptions();
    private readonly ConcurrentDictionary<string, InMemoryTable> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InMemoryQueue> _queues = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ITable GetTable(string name) =>
        _tables.GetOrAdd(StorageNames.ValidateTable(name), static (n, time) => new InMemoryTable(n, time), _time);

    /// <inheritdoc />
    public IQueue GetQueue(string name) =>
        _queues.GetOrAdd(
            StorageNames.ValidateQueue(name),
            n => new InMemoryQueue(n, _time, _queueOptions, GetPoisonQueue));

    private InMemoryQueue GetPoisonQueue(string queueName) =>
        (InMemoryQueue)GetQueue(StorageNames.PoisonQueueFor(queueName));
}
