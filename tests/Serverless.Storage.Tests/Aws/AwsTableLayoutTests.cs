using Amazon.DynamoDBv2.Model;
using Serverless.Storage.Aws;
using Serverless.Storage.Tables;
using Serverless.Testing.DynamoDb;
using Xunit;

namespace Serverless.Storage.Tests.Aws;

/// <summary>
/// How entities lie in DynamoDB (one item each, in one table for every logical table) and what comes back out.
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
[Trait(Tier.Trait, Tier.Aws)]
public sealed class AwsTableLayoutTests(DynamoDbLocalFixture dynamoDb)
{
    [Fact]
    public async Task An_entity_is_one_item_keyed_by_table_and_partition_with_string_properties_and_a_number_etag()
    {
        var tableName = DynamoDbLocalStorage.UniqueTableName();
        var store = DynamoDbLocalStorage.CreateStore(dynamoDb, tableName: tableName);
        var table = store.GetTable("orders");
        await table.CreateIfNotExistsAsync();

        var etag = await table.InsertAsync(Entity("tenant|1", "order-7", ("total", "42"), ("note", "")));

        var item = (await DynamoDbLocalStorage.CreateClient(dynamoDb).GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = new()
            {
                ["pk"] = new AttributeValue { S = "orders|tenant|1" },
                ["sk"] = new AttributeValue { S = "order-7" },
            },
            ConsistentRead = true,
        })).Item;
        Assert.Equal(["@ts", "@v", "note", "pk", "sk", "total"], item.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(etag, item["@v"].N);
        Assert.Equal(("42", ""), (item["total"].S, item["note"].S));
    }

    [Fact]
    public async Task Property_values_come_back_as_the_exact_strings_written_whatever_they_look_like()
    {
        var table = DynamoDbLocalStorage.CreateStore(dynamoDb).GetTable("types");
        await table.CreateIfNotExistsAsync();
        (string Name, string Value)[] values =
        [
            ("leadingZeros", "007"), ("exponent", "1e3"), ("decimal", "1.50"), ("negativeZero", "-0"),
            ("boolean", "true"), ("null", "null"), ("json", """{"a":[1,2.0]}"""), ("empty", ""), ("space", " "),
            ("date", "2025-01-01T00:00:00.0000000+00:00"), ("surrogates", "😀𝄞"), ("control", "a\u0000b\u001f"),
        ];

        await table.InsertAsync(Entity("p", "r", values));

        var stored = (await table.GetAsync("p", "r"))!;
        Assert.Equal(
            values.OrderBy(v => v.Name, StringComparer.Ordinal),
            stored.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public async Task A_transaction_reports_a_missing_row_and_a_stale_etag_each_with_its_own_index_and_reason()
    {
        var table = DynamoDbLocalStorage.CreateStore(dynamoDb).GetTable("reasons");
        await table.CreateIfNotExistsAsync();
        var stale = await table.InsertAsync(Entity("p", "a"));
        await table.UpsertAsync(Entity("p", "a"));

        var missing = await Assert.ThrowsAsync<TableConflictException>(() => table.ExecuteBatchAsync(
            [TableOperation.Upsert(Entity("p", "x")), TableOperation.Delete("p", "gone")]));
        var mismatch = await Assert.ThrowsAsync<TableConflictException>(() => table.ExecuteBatchAsync(
            [
                TableOperation.Upsert(Entity("p", "x")),
                TableOperation.Upsert(Entity("p", "y")),
                TableOperation.Replace(Entity("p", "a"), stale),
            ]));

        Assert.Equal((1, TableConflictReason.EntityNotFound), (missing.OperationIndex, missing.Reason));
        Assert.Equal((2, TableConflictReason.ETagMismatch), (mismatch.OperationIndex, mismatch.Reason));
        Assert.Equal(["a"], (await table.QueryPartitionAsync("p")).Select(e => e.RowKey));
    }

    [Fact]
    public async Task Two_stores_on_one_physical_table_share_its_rows_as_processes_would()
    {
        var tableName = DynamoDbLocalStorage.UniqueTableName();
        var first = DynamoDbLocalStorage.CreateStore(dynamoDb, tableName: tableName).GetTable("shared");
        var second = DynamoDbLocalStorage.CreateStore(dynamoDb, tableName: tableName).GetTable("shared");
        await Task.WhenAll(first.CreateIfNotExistsAsync().AsTask(), second.CreateIfNotExistsAsync().AsTask());

        var etag = await first.InsertAsync(Entity("p", "r", ("v", "1")));
        await second.ReplaceAsync(Entity("p", "r", ("v", "2")), etag);

        var conflict = await Assert.ThrowsAsync<TableConflictException>(() =>
            first.ReplaceAsync(Entity("p", "r", ("v", "3")), etag));
        Assert.Equal(TableConflictReason.ETagMismatch, conflict.Reason);
        Assert.Equal("2", (await first.GetAsync("p", "r"))!["v"]);
    }

    [Fact]
    public async Task A_query_reads_only_its_own_logical_table_even_where_partition_keys_look_alike()
    {
        var store = DynamoDbLocalStorage.CreateStore(dynamoDb);
        var orders = store.GetTable("orders");
        var ordersArchive = store.GetTable("ordersarchive");
        await orders.CreateIfNotExistsAsync();
        await orders.InsertAsync(Entity("p", "r"));
        await ordersArchive.InsertAsync(Entity("p", "r"));
        await ordersArchive.InsertAsync(Entity("|p", "r"));

        Assert.Equal(["p/r"], (await orders.QueryAsync(new TableQuery())).Items.Select(Describe));
        Assert.Equal(["p/r"], (await orders.QueryPartitionAsync("p")).Select(Describe));
        Assert.Equal(["p/r", "|p/r"], (await ordersArchive.QueryAsync(new TableQuery())).Items.Select(Describe));
    }

    private static string Describe(TableEntity entity) => $"{entity.PartitionKey}/{entity.RowKey}";

    private static TableEntity Entity(
        string partitionKey,
        string rowKey,
        params (string Name, string Value)[] values) =>
        new(partitionKey, rowKey)
        {
            Properties = values.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
        };
}
