using System.Collections.Concurrent;
using Serverless.Storage.Tables;

namespace Serverless.Orders.Tests.Support;

/// <summary>A table that counts its point reads by row key; see <see cref="ReadCountingStorage"/>.</summary>
internal sealed class ReadCountingTable(ITable inner, ReadCountingStorage owner) : ITable
{
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    public string Name => inner.Name;

    public int Reads(string rowKey) => _reads.GetValueOrDefault(rowKey);

    public ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        inner.CreateIfNotExistsAsync(cancellationToken);

    public async Task<TableEntity?> GetAsync(
        string partitionKey,
        string rowKey,
        CancellationToken cancellationToken = default)
    {
        var entity = await inner.GetAsync(partitionKey, rowKey, cancellationToken);
        _reads.AddOrUpdate(rowKey, 1, static (_, n) => n + 1);
        if (owner.AfterGet is { } afterGet)
        {
            await afterGet(rowKey);
        }

        return entity;
    }

    public Task<IReadOnlyList<TableEntity>> QueryPartitionAsync(
        string partitionKey,
        string? rowKeyPrefix = null,
        CancellationToken cancellationToken = default) =>
        inner.QueryPartitionAsync(partitionKey, rowKeyPrefix, cancellationToken);

    public Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(query, cancellationToken);

    public Task<IReadOnlyList<string?>> ExecuteBatchAsync(
        IReadOnlyList<TableOperation> operations,
        CancellationToken cancellationToken = default) =>
        inner.ExecuteBatchAsync(operations, cancellationToken);
}
