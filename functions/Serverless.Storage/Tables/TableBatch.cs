namespace Serverless.Storage.Tables;

/// <summary>The shape rules every backend enforces on a batch before touching storage.</summary>
public static class TableBatch
{
    /// <summary>The most operations one batch may hold (Azure Tables' limit).</summary>
    public const int MaxOperations = 100;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless the batch is 1-100 operations on distinct rows of one partition.
    /// </summary>
    public static void Validate(IReadOnlyList<TableOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count is 0 or > MaxOperations)
        {
            throw new ArgumentException(
                $"A batch holds 1 to {MaxOperations} operations, not {operations.Count}.",
                nameof(operations));
        }

        var partitionKey = operations[0].Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            if (!string.Equals(operation.Entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException("All operations of a batch must be in one partition.", nameof(operations));
            }

            if (!rowKeys.Add(operation.Entity.RowKey))
            {
                throw new ArgumentException(
                    $"Row '{operation.Entity.RowKey}' appears twice in one batch.",
                    nameof(operations));
            }
        }
    }
}
