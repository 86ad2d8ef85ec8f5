using Serverless.Storage.Tables;

namespace Serverless.Storage.InMemory;

internal sealed class InMemoryTable(string name, TimeProvider time) : ITable
{
    private readonly SortedDictionary<(string PartitionKey, string RowKey),
    TableEntity> _rows = new(KeyComparer.Instance);
    private readonly Lock _gate = new();
    private long _version;

    public string Name { get; } = name;

    public ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public Task<TableEntity?> GetAsync(
        string partitionKey,
        string rowKey,
        CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.GetValueOrDefault((partitionKey, rowKey)));
        }
    }

    public Task<IReadOnlyList<TableEntity>> QueryPartitionAsync(
        string partitionKey,
        string? rowKeyPrefix = null,
        CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<TableEntity> rows = _rows.Values
                .Where(e => e.PartitionKey == partitionKey && (rowKeyPrefix is null || e.RowKey.StartsWith(
                    rowKeyPrefix,
                    StringComparison.Ordinal)))
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var after = TableContinuation.Decode(query.ContinuationToken);
        var scan = new TableScan(query);
        lock (_gate)
        {
            foreach (var (key, entity) in _rows)
            {
                if ((after is null || KeyComparer.Instance.Compare(key, after.Value) > 0) && !scan.Offer(entity))
                {
                    break;
                }
            }

            return Task.FromResult(scan.ToPage());
        }
    }

    public Task<IReadOnlyList<string?>> ExecuteBatchAsync(
        IReadOnlyList<TableOperation> operations,
        CancellationToken cancellationToken = default)
    {
        TableBatch.Validate(operations);
        lock (_gate)
        {
            for (var i = 0; i < operations.Count; i++)
            {
                var operation = operations[i];
                var key = (operation.Entity.PartitionKey, operation.Entity.RowKey);
                var existing = _rows.GetValueOrDefault(key);
                TableConflictReason? conflict = operation.Kind switch
                {
                    TableOperationKind.Insert when existing is not null => TableConflictReason.EntityAlreadyExists,
                    TableOperationKind.Replace or TableOperationKind.Delete when existing is null =>
                        TableConflictReason.EntityNotFound,
                    TableOperationKind.Replace or TableOperationKind.Delete
                        when operation.IfMatch != TableOperation.AnyETag && operation.IfMatch != existing!.ETag =>
                            TableConflictReason.ETagMismatch,
                    _ => null,
                };
                if (conflict is { } reason)
                {
                    throw new TableConflictException(i, reason, key.PartitionKey, key.RowKey);
                }
            }

            var etags = new string?[operations.Count];
            var now = time.GetUtcNow();
            for (var i = 0; i < operations.Count; i++)
            {
                var operation = operations[i];
                var key = (operation.Entity.PartitionKey, operation.Entity.RowKey);
                if (operation.Kind == TableOperationKind.Delete)
                {
                    _rows.Remove(key);
                    continue;
                }

                etags[i] = $"W/\"{++_version}\"";
                _rows[key] = operation.Entity with
                {
                    Properties = new Dictionary<string, string>(operation.Entity.Properties, StringComparer.Ordinal),
                    ETag = etags[i],
                    Timestamp = now,
                };
            }

            return Task.FromResult<IReadOnlyList<string?>>(etags);
        }
    }

    private sealed class KeyComparer : IComparer<(string PartitionKey, string RowKey)>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare((string PartitionKey, string RowKey) x, (string PartitionKey, string RowKey) y)
        {
            var byPartition = string.CompareOrdinal(x.PartitionKey, y.PartitionKey);
            return byPartition != 0 ? byPartition : string.CompareOrdinal(x.RowKey, y.RowKey);
        }
    }
}
