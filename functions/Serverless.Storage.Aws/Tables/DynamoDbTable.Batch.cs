using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Aws.Tables;

internal sealed partial class DynamoDbTable
{
    /// <summary>DynamoDB's limit on the aggregate size of the items in one transaction.</summary>
    private const int MaxBatchBytes = 4 * 1024 * 1024;

    private const int MaxConflictRetries = 5;

    /// <remarks>
    /// One operation is one conditional PutItem or DeleteItem (a transaction costs twice the write units); more are
    /// one TransactWriteItems: all or nothing. DynamoDB refuses a transaction while another one holds one of its
    /// items (TransactionConflict, nothing applied): that is retried a few times, as the outcome would not tell the
    /// caller anything about its preconditions.
    /// </remarks>
    public async Task<IReadOnlyList<string?>> ExecuteBatchAsync(
        IReadOnlyList<TableOperation> operations,
        CancellationToken cancellationToken = default)
    {
        TableBatch.Validate(operations);
        var timestamp = time.GetUtcNow();
        var etags = new string?[operations.Count];
        var writes = new List<TransactWriteItem>(operations.Count);
        var batchBytes = 0;
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            var condition = WriteCondition.For(operation);
            if (operation.Kind == TableOperationKind.Delete)
            {
                var key = ItemMapping.Key(Name, operation.Entity.PartitionKey, operation.Entity.RowKey);
                batchBytes += ItemMapping.KeyBytes(key);
                writes.Add(new TransactWriteItem { Delete = Delete(key, condition) });
                continue;
            }

            var version = Random.Shared.NextInt64(0, long.MaxValue);
            var item = ItemMapping.ToItem(Name, operation.Entity, version, timestamp, out var size);
            batchBytes += size;
            etags[i] = ItemMapping.Number(version).N;
            writes.Add(new TransactWriteItem { Put = Put(item, condition) });
        }

        if (batchBytes > MaxBatchBytes)
        {
            throw new ArgumentException(
                $"The batch holds {batchBytes} bytes of items; a DynamoDB transaction carries at most " +
                    $"{MaxBatchBytes}. Nothing was written.",
                nameof(operations));
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await (writes.Count == 1
                    ? WriteOneAsync(writes[0], cancellationToken)
                    : TransactAsync(writes, cancellationToken)).ConfigureAwait(false);
                return etags;
            }
            catch (ConditionalCheckFailedException e)
            {
                throw Conflict(operations, 0, e.Item);
            }
            catch (TransactionCanceledException e) when (ConditionFailure(e) is { } failed)
            {
                throw Conflict(operations, failed.Index, failed.Item);
            }
            catch (AmazonDynamoDBException e) when (IsTransactionConflict(e) && attempt < MaxConflictRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * attempt), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (AmazonDynamoDBException e)
            {
                throw DynamoDbErrors.Refused(e);
            }
        }
    }

    private Task WriteOneAsync(TransactWriteItem write, CancellationToken cancellationToken) =>
        write.Put is { } put
            ? CallAsync(() => Client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = physical.Name,
                    Item = put.Item,
                    ConditionExpression = put.ConditionExpression,
                    ExpressionAttributeNames = put.ExpressionAttributeNames,
                    ExpressionAttributeValues = put.ExpressionAttributeValues,
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
                cancellationToken))
            : CallAsync(() => Client.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = physical.Name,
                    Key = write.Delete.Key,
                    ConditionExpression = write.Delete.ConditionExpression,
                    ExpressionAttributeNames = write.Delete.ExpressionAttributeNames,
                    ExpressionAttributeValues = write.Delete.ExpressionAttributeValues,
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
                cancellationToken));

    private async Task TransactAsync(List<TransactWriteItem> writes, CancellationToken cancellationToken) =>
        await CallAsync(() => Client.TransactWriteItemsAsync(
            new TransactWriteItemsRequest { TransactItems = writes },
            cancellationToken)).ConfigureAwait(false);

    private Put Put(Dictionary<string, AttributeValue> item, WriteCondition condition) => new()
    {
        TableName = physical.Name,
        Item = item,
        ConditionExpression = condition.Expression,
        ExpressionAttributeNames = condition.Names,
        ExpressionAttributeValues = condition.Values,
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
    };

    private Delete Delete(Dictionary<string, AttributeValue> key, WriteCondition condition) => new()
    {
        TableName = physical.Name,
        Key = key,
        ConditionExpression = condition.Expression,
        ExpressionAttributeNames = condition.Names,
        ExpressionAttributeValues = condition.Values,
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
    };

    /// <summary>The first operation whose condition failed, with the item DynamoDB found, if one did.</summary>
    private static (int Index, Dictionary<string, AttributeValue>? Item)? ConditionFailure(
        TransactionCanceledException e)
    {
        var reasons = e.CancellationReasons ?? [];
        for (var i = 0; i < reasons.Count; i++)
        {
            if (reasons[i].Code == "ConditionalCheckFailed")
            {
                return (i, reasons[i].Item);
            }
        }

        return null;
    }

    private static bool IsTransactionConflict(AmazonDynamoDBException e) =>
        e is TransactionConflictException
        || (e is TransactionCanceledException canceled
            && (canceled.CancellationReasons ?? []).Any(r => r.Code == "TransactionConflict"));

    private static TableConflictException Conflict(
        IReadOnlyList<TableOperation> operations,
        int index,
        Dictionary<string, AttributeValue>? found)
    {
        var operation = operations[index];
        return new TableConflictException(
            index,
            WriteCondition.Reason(operation, found),
            operation.Entity.PartitionKey,
            operation.Entity.RowKey);
    }
}
