using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Tests.Support;

/// <summary>
/// Wraps a storage provider and "kills the process" after a given number of storage calls: calls 1..N go through,
/// every later call throws <see cref="SimulatedCrashException"/> without reaching storage.
/// </summary>
internal sealed class FaultInjectingStorageProvider(IStorageProvider inner, int crashAfterCalls) : IStorageProvider
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public bool Crashed => Calls > crashAfterCalls;

    public ITable GetTable(string name) => new Table(inner.GetTable(name), this);

    public IQueue GetQueue(string name) => new Queue(inner.GetQueue(name), this);

    private void Count()
    {
        if (Interlocked.Increment(ref _calls) > crashAfterCalls)
        {
            throw new SimulatedCrashException();
        }
    }

    private sealed class Table(ITable table, FaultInjectingStorageProvider owner) : ITable
    {
        public string Name => table.Name;

        public ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
            table.CreateIfNotExistsAsync(cancellationToken);

        public Task<TableEntity?> GetAsync(
            string partitionKey,
            string rowKey,
            CancellationToken cancellationToken = default)
        {
            owner.Count();
            return table.GetAsync(partitionKey, rowKey, cancellationToken);
        }

        public Task<IReadOnlyList<TableEntity>> QueryPartitionAsync(
            string partitionKey,
            string? rowKeyPrefix = null,
            CancellationToken cancellationToken = default)
        {
            owner.Count();
            return table.QueryPartitionAsync(partitionKey, rowKeyPrefix, cancellationToken);
        }

        public Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken = default)
        {
            owner.Count();
            return table.QueryAsync(query, cancellationToken);
        }

        public Task<IReadOnlyList<string?>> ExecuteBatchAsync(
            IReadOnlyList<TableOperation> operations,
            CancellationToken cancellationToken = default)
        {
            owner.Count();
            return table.ExecuteBatchAsync(operations, cancellationToken);
        }
    }

    private sealed class Queue(IQueue queue, FaultInjectingStorageProvider owner) : ForwardingQueue(queue)
    {
        public override Task<string> SendAsync(
            string body,
            TimeSpan? delay = null,
            CancellationToken cancellationToken = default)
        {
            owner.Count();
            return Inner.SendAsync(body, delay, cancellationToken);
        }

        public override Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
            int maxMessages,
            TimeSpan visibilityTimeout,
            CancellationToken cancellationToken = default)
        {
            owner.Count();
            return Inner.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken);
        }

        public override Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken = default)
        {
            owner.Count();
            return Inner.CompleteAsync(message, cancellationToken);
        }

        public override Task<bool> AbandonAsync(
            QueueMessage message,
            TimeSpan delay,
            CancellationToken cancellationToken = default)
        {
            owner.Count();
            return Inner.AbandonAsync(message, delay, cancellationToken);
        }
    }
}
