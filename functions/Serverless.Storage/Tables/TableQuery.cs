namespace Serverless.Storage.Tables;

/// <summary>
/// A query across partitions: entities matching every filter, ordered by (partition key, row key), one page at a time.
/// Meant for admin views and listings, not for hot paths.
/// </summary>
/// <remarks>
/// A page holds <see cref="Top"/> matches whenever that many lie ahead: every backend reads on until it has them (or
/// one more, to know whether more exist), however sparse the matches. Only <see cref="MaxScanned"/> ends a page early.
/// </remarks>
public sealed record TableQuery
{
    /// <summary>Filters that all must match.</summary>
    public IReadOnlyList<PropertyFilter> Filters { get; init; } = [];

    /// <summary>
    /// Filters of which at least one must match, when any are given (for example one status of several).
    /// </summary>
    public IReadOnlyList<PropertyFilter> AnyOf { get; init; } = [];

    /// <summary>Only entities with this row key, if set (for example the one instance row of each partition).</summary>
    public string? RowKey { get; init; }

    /// <summary>Only entities whose partition key starts with this (ordinal), if set.</summary>
    public string? PartitionKeyPrefix { get; init; }

    /// <summary>The page size (1-1000).</summary>
    public int Top { get; init; } = 100;

    /// <summary>
    /// The most rows one call reads, if set: when that many rows are read before the page holds <see cref="Top"/>
    /// matches, the page ends with what it has (maybe nothing) and a continuation token that resumes after the last row
    /// read. A row counts as read once it has the query's keys (<see cref="RowKey"/>,
    /// <see cref="PartitionKeyPrefix"/>); on Azure Tables, where the service applies the filters, the rows it returns.
    /// Unbounded when <see langword="null"/>.
    /// </summary>
    public int? MaxScanned { get; init; }

    /// <summary>The token of the previous page, or <see langword="null"/> for the first page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Whether <paramref name="entity"/> has the query's keys (row key and partition key prefix).</summary>
    public bool HasKeys(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return (RowKey is null || entity.RowKey == RowKey)
            && (PartitionKeyPrefix is null
                || entity.PartitionKey.StartsWith(PartitionKeyPrefix, StringComparison.Ordinal));
    }

    /// <summary>Whether <paramref name="entity"/> matches the query: its keys, every filter and one of any.</summary>
    public bool Matches(TableEntity entity) =>
        HasKeys(entity)
        && Filters.All(f => f.Matches(entity))
        && (AnyOf.Count == 0 || AnyOf.Any(f => f.Matches(entity)));

    /// <summary>Throws when the page size or the scan bound is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Top, 1, nameof(Top));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Top, 1000, nameof(Top));
        if (MaxScanned is { } bound)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1, nameof(MaxScanned));
        }
    }
}
