using Serverless.Storage.Aws;
using Serverless.Storage.Tables;
using Serverless.Testing.DynamoDb;
using Xunit;

namespace Serverless.Storage.Tests.Aws;

/// <summary>
/// What DynamoDB cannot hold is refused before anything is written, and what it can hold is kept whole.
/// </summary>
[Collection(DynamoDbLocalCollection.Name)]
[Trait(Tier.Trait, Tier.Aws)]
public sealed class AwsLimitsTests(DynamoDbLocalFixture dynamoDb) : IAsyncLifetime
{
    private readonly DynamoDbTableStore _store = DynamoDbLocalStorage.CreateStore(dynamoDb);

    private ITable Table => _store.GetTable("limits");

    public async Task InitializeAsync() => await Table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_item_just_under_400_KB_is_stored_whole()
    {
        var value = new string('x', (400 * 1024) - 200);

        await Table.InsertAsync(Entity("p", "r", ("big", value)));

        Assert.Equal(value, (await Table.GetAsync("p", "r"))!["big"]);
    }

    [Fact]
    public async Task An_item_over_400_KB_is_refused_and_nothing_in_its_batch_is_written()
    {
        var tooBig = Entity("p", "big", ("big", new string('x', 400 * 1024)));

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Table.ExecuteBatchAsync(
            [TableOperation.Insert(Entity("p", "small")), TableOperation.Insert(tooBig)]));

        Assert.Contains("409600", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await Table.QueryPartitionAsync("p"));
    }

    [Fact]
    public async Task A_batch_over_4_MB_is_refused_and_nothing_is_written()
    {
        var operations = Enumerable.Range(0, 11)
            .Select(i => TableOperation.Insert(Entity("p", $"r{i}", ("big", new string('x', 390 * 1024)))))
            .ToList();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Table.ExecuteBatchAsync(operations));

        Assert.Contains("4194304", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await Table.QueryPartitionAsync("p"));
    }

    [Fact]
    public async Task A_batch_of_100_items_under_4_MB_is_applied_as_one_transaction()
    {
        var operations = Enumerable.Range(0, 100)
            .Select(i => TableOperation.Insert(Entity("p", $"r{i:D3}", ("v", new string('x', 30 * 1024)))))
            .ToList();

        await Table.ExecuteBatchAsync(operations);

        Assert.Equal(100, (await Table.QueryPartitionAsync("p")).Count);
    }

    [Fact]
    public async Task A_row_key_over_1024_bytes_is_refused_and_nothing_is_written()
    {
        var rowKey = new string('é', 513);

        await Assert.ThrowsAsync<ArgumentException>(() => Table.InsertAsync(Entity("p", rowKey)));

        Assert.Empty(await Table.QueryPartitionAsync("p"));
    }

    [Fact]
    public async Task An_empty_row_key_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Table.InsertAsync(Entity("p", "")));
    }

    [Theory]
    [InlineData("pk")]
    [InlineData("sk")]
    [InlineData("@v")]
    [InlineData("@ts")]
    public async Task A_property_named_like_an_attribute_of_the_layout_is_refused(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Table.InsertAsync(Entity("p", "r", (name, "x"))));

        Assert.Null(await Table.GetAsync("p", "r"));
    }

    private static TableEntity Entity(
        string partitionKey,
        string rowKey,
        params (string Name, string Value)[] values) =>
        new(partitionKey, rowKey)
        {
            Properties = values.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
        };
}
