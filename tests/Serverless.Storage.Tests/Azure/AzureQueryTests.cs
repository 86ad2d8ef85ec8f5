using Serverless.Storage.Tables;
using Serverless.Testing.Azurite;
using Xunit;

namespace Serverless.Storage.Tests.Azure;

[Collection(AzuriteCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class AzureQueryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_query_by_row_key_across_300_partitions_returns_every_match_in_one_page()
    {
        var table = AzuriteStorage.CreateProvider(azurite).GetTable("many");
        await table.CreateIfNotExistsAsync();
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => table.ExecuteBatchAsync(
        [
            TableOperation.Insert(
                new TableEntity($"ord-{i:D4}", "order")
                {
                    Properties = new Dictionary<string,
                    string> { ["status"] = i % 2 == 0 ? "Confirmed" : "Cancelled" },
                }),
            TableOperation.Insert(new TableEntity($"ord-{i:D4}", "payment")),
        ])));

        var all = await table.QueryAsync(new TableQuery { RowKey = "order", Top = 1000 });
        var confirmed = await table.QueryAsync(
            new TableQuery
            {
                RowKey = "order",
                Top = 1000,
                Filters = [new PropertyFilter("status", FilterOperator.Equal, "Confirmed")],
            });

        Assert.Equal((300, null), (all.Items.Count, all.ContinuationToken));
        Assert.Equal((150, null), (confirmed.Items.Count, confirmed.ContinuationToken));
    }
}
