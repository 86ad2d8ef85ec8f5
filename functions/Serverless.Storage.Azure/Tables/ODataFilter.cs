using Serverless.Storage.Tables;

namespace Serverless.Storage.Azure.Tables;

/// <summary>Builds Azure Tables OData filters from the ports' queries (keys already encoded for storage).</summary>
internal static class ODataFilter
{
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string PartitionWithPrefix(string partitionKey, string? rowKeyPrefix)
    {
        var filter = $"PartitionKey eq {Quote(partitionKey)}";
        if (string.IsNullOrEmpty(rowKeyPrefix))
        {
            return filter;
        }

        filter += $" and RowKey ge {Quote(rowKeyPrefix)}";
        var last = rowKeyPrefix[^1];
        return last == char.MaxValue
            ? filter
            : filter + $" and RowKey lt {Quote(rowKeyPrefix[..^1] + (char)(last + 1))}";
    }

    /// <summary>
    /// The filter of a cross-partition page: after the continuation position, with the query's conditions.
    /// </summary>
    public static string? ForQuery(TableQuery query, (string PartitionKey, string RowKey)? after)
    {
        var parts = new List<string>();
        if (after is { } position)
        {
            var partitionKey = Quote(position.PartitionKey);
            parts.Add($"(PartitionKey gt {partitionKey} or (PartitionKey eq {partitionKey} and RowKey gt " +
                $"{Quote(position.RowKey)}))");
        }

        if (query.RowKey is not null)
        {
            parts.Add($"RowKey eq {Quote(KeyEncoding.Encode(query.RowKey))}");
        }

        if (query.PartitionKeyPrefix is { Length: > 0 } prefix)
        {
            parts.Add(KeyPrefix("PartitionKey", KeyEncoding.Encode(prefix)));
        }

        parts.AddRange(query.Filters.Select(Comparison));
        if (query.AnyOf.Count > 0)
        {
            parts.Add("(" + string.Join(" or ", query.AnyOf.Select(Comparison)) + ")");
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    /// <remarks>
    /// A key starts with a prefix exactly when its encoding starts with the prefix's encoding (see
    /// <see cref="KeyEncoding"/>), and such keys lie from the prefix up to (not including) the prefix with its last
    /// character raised by one.
    /// </remarks>
    private static string KeyPrefix(string key, string encodedPrefix)
    {
        var filter = $"{key} ge {Quote(encodedPrefix)}";
        var last = encodedPrefix[^1];
        return last == char.MaxValue
            ? filter
            : $"({filter} and {key} lt {Quote(encodedPrefix[..^1] + (char)(last + 1))})";
    }

    private static string Comparison(PropertyFilter filter) =>
        $"{PropertyName(filter.Property)} {Operator(filter.Operator)} {Quote(filter.Value)}";

    private static string PropertyName(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                throw new ArgumentException(
                    $"'{name}' is not a property name Azure Tables can filter on.",
                    nameof(name));
            }
        }

        return name.Length > 0 ? name : throw new ArgumentException("A filter needs a property name.", nameof(name));
    }

    private static string Operator(FilterOperator op) => op switch
    {
        FilterOperator.Equal => "eq",
        FilterOperator.NotEqual => "ne",
        FilterOperator.GreaterThan => "gt",
        FilterOperator.GreaterThanOrEqual => "ge",
        FilterOperator.LessThan => "lt",
        FilterOperator.LessThanOrEqual => "le",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown operator."),
    };
}
