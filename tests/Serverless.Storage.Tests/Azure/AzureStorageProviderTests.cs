using Azure.Storage.Queues;
using Serverless.Storage.Tables;
using Serverless.Testing.Azurite;
using Xunit;

namespace Serverless.Storage.Tests.Azure;

[Collection(AzuriteCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class AzureStorageProviderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Providers_with_different_name_prefixes_do_not_share_tables_or_queues()
    {
        var first = AzuriteStorage.CreateProvider(azurite);
        var second = AzuriteStorage.CreateProvider(azurite);
        foreach (var provider in new[] { first, second })
        {
            await provider.GetTable("shared").CreateIfNotExistsAsync();
            await provider.GetQueue("shared").CreateIfNotExistsAsync();
        }

        await first.GetTable("shared").InsertAsync(new TableEntity("p", "r"));
        await first.GetQueue("shared").SendAsync("m");

        Assert.Null(await second.GetTable("shared").GetAsync("p", "r"));
        Assert.Equal(0, await second.GetQueue("shared").CountAsync());
    }

    [Fact]
    public async Task Messages_are_stored_Base64_encoded_as_the_Functions_queue_trigger_reads_them()
    {
        var prefix = AzuriteStorage.UniquePrefix();
        var provider = AzuriteStorage.CreateProvider(azurite, prefix: prefix);
        await provider.GetQueue("events").CreateIfNotExistsAsync();

        await provider.GetQueue("events").SendAsync("""{"order":"é"}""");

        var raw = new QueueClient(
            azurite.ConnectionString,
            $"{prefix}-events",
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var peeked = Assert.Single((await raw.PeekMessagesAsync(1)).Value);
        Assert.Equal(
            """{"order":"é"}""",
            System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(peeked.MessageText)));
    }

    [Fact]
    public async Task Keys_with_characters_Azure_Tables_forbids_round_trip_and_keep_prefix_queries_exact()
    {
        var table = AzuriteStorage.CreateProvider(azurite).GetTable("keys");
        await table.CreateIfNotExistsAsync();
        string[] rowKeys = ["a/b", "a/b#1", "a%2F", "a?c", "a\\d", "a\tb", "ab"];
        await table.ExecuteBatchAsync(rowKeys.Select(k => TableOperation.Insert(new TableEntity(
            "tenant/1",
            k))).ToList());

        var all = await table.QueryPartitionAsync("tenant/1");
        var underSlash = await table.QueryPartitionAsync("tenant/1", "a/");

        Assert.Equal(rowKeys.Order(StringComparer.Ordinal), all.Select(e => e.RowKey));
        Assert.Equal(["a/b", "a/b#1"], underSlash.Select(e => e.RowKey));
        Assert.NotNull(await table.GetAsync("tenant/1", "a%2F"));
    }
}
