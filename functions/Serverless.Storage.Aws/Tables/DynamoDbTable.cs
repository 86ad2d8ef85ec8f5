using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Aws.Tables;

/// <summary>One logical table of the ports: the items of the physical table whose partition key names it.</summary>
/// <remarks>Every read is strongly consistent, as the ports promise read-your-writes on every backend.</remarks>
internal sealed partial class DynamoDbTable(string name, PhysicalTable physical, TimeProvider time) : ITable
{
    private static readonly Dictionary<string, string> KeyNames = new(StringComparer.Ordinal)
    {
        ["#pk"] = ItemMapping.PartitionKeyAttribute,
        ["#sk"] = ItemMapping.SortKeyAttribute,
    };

    public string Name { get; } = name;

    private IAmazonDynamoDB Client => physical.Client;

    public ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        physical.EnsureAsync(cancellationToken);

    public async Task<TableEntity?> GetAsync(
        string partitionKey,
        string rowKey,
        CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(() => Client.GetItemAsync(
            new GetItemRequest
            {
                TableName = physical.Name,
                Key = ItemMapping.Key(Name, partitionKey, rowKey),
                ConsistentRead = true,
            },
            cancellationToken)).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? ItemMapping.FromItem(Name, item) : null;
    }

    public async Task<IReadOnlyList<TableEntity>> QueryPartitionAsync(
        string partitionKey,
        string? rowKeyPrefix = null,
        CancellationToken cancellationToken = default)
    {
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [":pk"] = new() { S = ItemMapping.PartitionKey(Name, partitionKey) },
        };
        var condition = "#pk = :pk";
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["#pk"] = KeyNames["#pk"] };
        if (!string.IsNullOrEmpty(rowKeyPrefix))
        {
            condition += " AND begins_with(#sk, :prefix)";
            names["#sk"] = KeyNames["#sk"];
            values[":prefix"] = new() { S = rowKeyPrefix };
        }

        var rows = new List<TableEntity>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await CallAsync(() => Client.QueryAsync(
                new QueryRequest
                {
                    TableName = physical.Name,
                    KeyConditionExpression = condition,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                    ExclusiveStartKey = startKey,
                    ConsistentRead = true,
                },
                cancellationToken)).ConfigureAwait(false);
            rows.AddRange((page.Items ?? []).Select(item => ItemMapping.FromItem(Name, item)));
            startKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        // DynamoDB orders sort keys by their UTF-8 bytes; the ports promise ordinal (UTF-16) order.
        rows.Sort(static (x, y) => string.CompareOrdinal(x.RowKey, y.RowKey));
        return rows;
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> request)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (ResourceNotFoundException e)
        {
            throw new StorageException(
                "The DynamoDB table does not exist: call CreateIfNotExistsAsync first (or deploy it).",
                e);
        }
        catch (AmazonDynamoDBException e) when (e is not ConditionalCheckFailedException
            and not TransactionCanceledException and not TransactionConflictException)
        {
            throw DynamoDbErrors.Refused(e);
        }
    }
}
