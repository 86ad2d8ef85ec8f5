namespace Serverless.Storage.Tables;

/// <summary>
/// A row in a table, addressed by (<see cref="PartitionKey"/>, <see cref="RowKey"/>). Property values are strings:
/// callers store JSON or sortable text (ISO-8601 round-trip timestamps), which every backend can compare and filter.
/// </summary>
public sealed record TableEntity(string PartitionKey, string RowKey)
{
    /// <summary>The entity's properties (at most 252, as Azure Tables allows).</summary>
    public IReadOnlyDictionary<string,
    string> Properties { get; init; } = new Dictionary<string,
    string>(StringComparer.Ordinal);

    /// <summary>
    /// The concurrency token the backend assigned on the last write; <see langword="null"/> before the first write.
    /// </summary>
    public string? ETag { get; init; }

    /// <summary>When the backend last wrote the entity.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The value of property <paramref name="name"/>, or <see langword="null"/> when it is absent.</summary>
    public string? this[string name] => Properties.TryGetValue(name, out var value) ? value : null;
}
