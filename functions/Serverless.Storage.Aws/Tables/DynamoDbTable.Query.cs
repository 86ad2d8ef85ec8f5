using Amazon.DynamoDBv2.Model;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Aws.Tables;

internal sealed partial class DynamoDbTable
{
    /// <remarks>
    /// A Scan of the physical table, filtered by the service to this table's partitions (and the query's keys), then
    /// sorted here: a Scan has no order, and the ports promise (partition key, row key) order with key-based tokens.
    /// So every page reads all of this table's rows (and DynamoDB bills the whole physical table it scans): fit for
    /// listings, sweeps and admin views, not for hot paths. The property filters are applied here, ordinally, as the
    /// ports define them (DynamoDB compares strings by UTF-8 bytes).
    /// </remarks>
    public async Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var after = TableContinuation.Decode(query.ContinuationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["#pk"] = KeyNames["#pk"] };
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [":prefix"] = new() { S = ItemMapping.PartitionKey(Name, query.PartitionKeyPrefix ?? "") },
        };
        var filter = "begins_with(#pk, :prefix)";
        if (query.RowKey is { } rowKey)
        {
            filter += " AND #sk = :rk";
            names["#sk"] = KeyNames["#sk"];
            values[":rk"] = new() { S = rowKey };
        }

        var candidates = new List<TableEntity>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await CallAsync(() => Client.ScanAsync(
                new ScanRequest
                {
                    TableName = physical.Name,
                    FilterExpression = filter,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                    ExclusiveStartKey = startKey,
                    ConsistentRead = true,
                },
                cancellationToken)).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                var entity = ItemMapping.FromItem(Name, item);

                // Without a scan bound, rows that do not match cannot shape the page: keep only matches.
                if (IsAfter(entity, after) && (query.MaxScanned is not null || query.Matches(entity)))
                {
                    candidates.Add(entity);
                }
            }

            startKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        candidates.Sort(static (x, y) => CompareKeys(x.PartitionKey, x.RowKey, y.PartitionKey, y.RowKey));
        var scan = new TableScan(query);
        foreach (var entity in candidates)
        {
            if (!scan.Offer(entity))
            {
                break;
            }
        }

        return scan.ToPage();
    }

    private static bool IsAfter(TableEntity entity, (string PartitionKey, string RowKey)? after) =>
        after is not { } position
        || CompareKeys(entity.PartitionKey, entity.RowKey, position.PartitionKey, position.RowKey) > 0;

    private static int CompareKeys(string partitionKey, string rowKey, string otherPartitionKey, string otherRowKey)
    {
        var byPartition = string.CompareOrdinal(partitionKey, otherPartitionKey);
        return byPartition != 0 ? byPartition : string.CompareOrdinal(rowKey, otherRowKey);
    }
}
