namespace Serverless.Storage.Tables;

/// <summary>
/// A query across partitions: entities matching every filter, ordered by (partition key, row key), one page at a time.
/// Meant for admin views and listings, not for hot paths.
/// </summary>
public sealed record TableQuery
{
    /// <summary>Filters that all must match.</summary>
    public IReadOnlyList<PropertyFilter> Filters { get; init; } = [];

    /// <summary>Only entities with this row key, if set (for example the one instance row of each partition).</summary>
    public string? RowKey { get; init; }

    /// <summary>The page size (1-1000).</summary>
    public int Top { get; init; } = 100;

    /// <summary>The token of the previous page, or <see langword="null"/> for the first page.</summary>
    public string? ContinuationToken { get; init; }
}
