using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Tests.Support;

/// <summary>
/// Wraps a storage provider and runs <paramref name="beforeFirstWrite"/> just before the first table write made through
/// it, so a caller that reads and then writes acts on what it read before someone else's work.
/// </summary>
internal sealed class InterleavingStorageProvider(IStorageProvider inner, Func<Task> beforeFirstWrite)
    : IStorageProvider
{
    private int _writes;

    public ITable GetTable(string name) => new Table(inner.GetTable(name), this);

    public IQueue GetQueue(string name) => inner.GetQueue(name);

    private Task BeforeWriteAsync() =>
        Interlocked.Increment(ref _writes) == 1 ? beforeFirstWrite() : Task.CompletedTask;

    private sealed class Table(ITable table, InterleavingStorageProvider owner) : ITable
    {
        public string Name => table.Name;

        public ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
            table.CreateIfNotExistsAsync(cancellationToken);

        public Task<TableEntity?> GetAsync(
            string partitionKey,
            string rowKey,
            CancellationToken cancellationToken = default) =>
            table.GetAsync(partitionKey, rowKey, cancellationToken);

        public Task<IReadOnlyList<TableEntity>> QueryPartitionAsync(
            string partitionKey,
            string? rowKeyPrefix = null,
            CancellationToken cancellationToken = default) =>
            table.QueryPartitionAsync(partitionKey, rowKeyPrefix, cancellationToken);

        public Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken = default) =>
            table.QueryAsync(query, cancellationToken);

        public async Task<IReadOnlyList<string?>> ExecuteBatchAsync(
            IReadOnlyList<TableOperation> operations,
            CancellationToken cancellationToken = default)
        {
            await owner.BeforeWriteAsync().ConfigureAwait(false);
            return await table.ExecuteBatchAsync(operations, cancellationToken).ConfigureAwait(false);
        }
    }
}
