namespace Serverless.Storage.Tables;

/// <summary>
/// A batch was rejected because one operation's precondition failed; nothing in the batch was applied.
/// </summary>
public sealed class TableConflictException : StorageException
{
    /// <summary>Creates the exception for operation <paramref name="operationIndex"/> of the batch.</summary>
    public TableConflictException(int operationIndex, TableConflictReason reason, string partitionKey, string rowKey)
        : base($"Batch operation {operationIndex} on ({partitionKey}, {rowKey}) failed: {reason}.")
    {
        OperationIndex = operationIndex;
        Reason = reason;
    }

    /// <summary>The position in the batch of the operation that failed.</summary>
    public int OperationIndex { get; }

    /// <summary>Why it failed.</summary>
    public TableConflictReason Reason { get; }
}
