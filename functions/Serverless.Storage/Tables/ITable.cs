namespace Serverless.Storage.Tables;

/// <summary>
/// A table of entities addressed by (partition key, row key), each with an ETag. Writes go through
/// <see cref="ExecuteBatchAsync"/>: all operations in one partition, applied all or nothing.
/// </summary>
public interface ITable
{
    /// <summary>The table's name.</summary>
    string Name { get; }

    /// <summary>Creates the table if it does not exist. Idempotent and cheap after the first call.</summary>
    ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads one entity, or <see langword="null"/> when there is none.</summary>
    Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a whole partition (optionally only the rows whose key starts with <paramref name="rowKeyPrefix"/>) in
    /// row-key order.
    /// </summary>
    Task<IReadOnlyList<TableEntity>> QueryPartitionAsync(
        string partitionKey,
        string? rowKeyPrefix = null,
        CancellationToken cancellationToken = default);

    /// <summary>Reads one page of entities across partitions.</summary>
    Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies up to 100 operations on distinct rows of one partition atomically. Returns the new ETag of each
    /// operation's row in order (<see langword="null"/> for deletes). Throws <see cref="TableConflictException"/>
    /// and applies nothing when any precondition fails.
    /// </summary>
    Task<IReadOnlyList<string?>> ExecuteBatchAsync(
        IReadOnlyList<TableOperation> operations,
        CancellationToken cancellationToken = default);
}
