using Azure;
using Azure.Data.Tables;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Azure;

/// <summary>Turns the service's errors into the ports' exceptions.</summary>
internal static class AzureErrors
{
    public static StorageException Transaction(
        TableTransactionFailedException e,
        IReadOnlyList<TableOperation> operations)
    {
        var index = e.FailedTransactionActionIndex ?? (operations.Count == 1 ? 0 : -1);
        TableConflictReason? reason = (e.ErrorCode, e.Status) switch
        {
            ("EntityAlreadyExists", _) or (_, 409) => TableConflictReason.EntityAlreadyExists,
            ("UpdateConditionNotSatisfied", _) or (_, 412) => TableConflictReason.ETagMismatch,
            ("ResourceNotFound" or "EntityNotFound", _) or (_, 404) => TableConflictReason.EntityNotFound,
            _ => null,
        };
        if (reason is { } conflict && index >= 0 && index < operations.Count)
        {
            var entity = operations[index].Entity;
            return new TableConflictException(index, conflict, entity.PartitionKey, entity.RowKey);
        }

        return Table(e);
    }

    public static StorageException Table(RequestFailedException e) =>
        new($"Azure Tables refused the request ({e.Status} {e.ErrorCode}): {FirstLine(e.Message)}", e);

    public static StorageException Queue(RequestFailedException e) =>
        new($"Azure Storage Queues refused the request ({e.Status} {e.ErrorCode}): {FirstLine(e.Message)}", e);

    public static StorageException Refused(RequestFailedException e) =>
        new($"Azure Storage refused the request ({e.Status} {e.ErrorCode}): {FirstLine(e.Message)}", e);

    /// <summary>No answer (status 0), or one that says to try again: a timeout, throttling, a server error.</summary>
    public static bool IsTransient(RequestFailedException e) => e.Status is 0 or 408 or 429 or >= 500;

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end].TrimEnd();
    }
}
