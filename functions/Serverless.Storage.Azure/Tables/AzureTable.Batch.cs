using Azure;
using Azure.Data.Tables;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Azure.Tables;

internal sealed partial class AzureTable
{
    /// <summary>Azure Tables' limit on the payload of one transaction.</summary>
    private const int MaxBatchBytes = 4 * 1024 * 1024;

    /// <remarks>
    /// One batch is one Azure Tables transaction (entity group transaction): all or nothing, one partition.
    /// </remarks>
    public async Task<IReadOnlyList<string?>> ExecuteBatchAsync(
        IReadOnlyList<TableOperation> operations,
        CancellationToken cancellationToken = default)
    {
        TableBatch.Validate(operations);
        var actions = new List<TableTransactionAction>(operations.Count);
        var batchBytes = 0;
        foreach (var operation in operations)
        {
            var entity = EntityMapping.ToAzure(operation.Entity, out var size);
            batchBytes += size;
            actions.Add(operation.Kind switch
            {
                TableOperationKind.Insert => new TableTransactionAction(TableTransactionActionType.Add, entity),
                TableOperationKind.Upsert =>
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity),
                TableOperationKind.Replace =>
                    new TableTransactionAction(
                        TableTransactionActionType.UpdateReplace,
                        entity,
                        ToETag(operation.IfMatch)),
                TableOperationKind.Delete =>
                    new TableTransactionAction(TableTransactionActionType.Delete, entity, ToETag(operation.IfMatch)),
                _ => throw new ArgumentOutOfRangeException(nameof(operations), operation.Kind, "Unknown operation."),
            });
        }

        if (batchBytes > MaxBatchBytes)
        {
            throw new ArgumentException(
                $"The batch holds {batchBytes} bytes of entities; an Azure Tables transaction carries at most " +
                    $"{MaxBatchBytes}. Nothing was written.",
                nameof(operations));
        }

        Response<IReadOnlyList<Response>> response;
        try
        {
            response = await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException e)
        {
            throw AzureErrors.Transaction(e, operations);
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Table(e);
        }

        var etags = new string?[operations.Count];
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i].Kind != TableOperationKind.Delete)
            {
                etags[i] = response.Value[i].Headers.ETag?.ToString()
                    ?? throw new StorageException($"Azure Tables returned no ETag for operation {i} of a batch.");
            }
        }

        return etags;
    }

    private static ETag ToETag(string? ifMatch) =>
        ifMatch is null or TableOperation.AnyETag ? ETag.All : new ETag(ifMatch);
}
