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

        foreach (var filter in query.Filters)
        {
            parts.Add($"{PropertyName(filter.Property)} {Operator(filter.Operator)} {Quote(filter.Value)}");
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

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
