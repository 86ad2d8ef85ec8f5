using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Storage.Azure;
using Serverless.Storage.Azure.Configuration;
using Serverless.Storage.Diagnostics;
using Serverless.Storage.Tables;
using Serverless.Testing.Azurite;
using Xunit;

namespace Serverless.Storage.Tests.Azure;

[Collection(AzuriteCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class AzureRequestCountTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Each_port_call_counts_the_one_request_it_sends_by_kind()
    {
        await using var services = Services(azurite);
        var storage = services.GetRequiredService<AzureStorageProvider>();
        var counter = services.GetRequiredService<StorageRequestCounter>();
        var table = storage.GetTable("counted");
        var queue = storage.GetQueue("counted");
        await table.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();
        Assert.Equal(
            new Dictionary<string, long> { ["queue.create"] = 1, ["table.create"] = 1 },
            counter.Snapshot());

        await table.ExecuteBatchAsync(
            [TableOperation.Insert(new TableEntity("p", "a")), TableOperation.Insert(new TableEntity("p", "b"))]);
        Assert.Equal(2, (await table.QueryPartitionAsync("p")).Count);
        await queue.SendAsync("hello");
        var received = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30));
        Assert.True(await queue.CompleteAsync(Assert.Single(received)));

        Assert.Equal(
            new Dictionary<string, long>
            {
                ["queue.create"] = 1,
                ["queue.delete"] = 1,
                ["queue.receive"] = 1,
                ["queue.send"] = 1,
                ["table.batch"] = 1,
                ["table.create"] = 1,
                ["table.query"] = 1,
            },
            counter.Snapshot());
        Assert.Equal(7, counter.Total);
    }

    /// <summary>
    /// The Azure Storage provider and its request counter as the host composes them, on <paramref name="azurite"/>
    /// under a fresh name prefix, with its queues' receives held by <paramref name="workerId"/> if given.
    /// </summary>
    internal static ServiceProvider Services(AzuriteFixture azurite, string? workerId = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(AzureStorageConnection.DefaultName, azurite.ConnectionString)])
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddAzureStorage(configuration, options =>
            {
                options.NamePrefix = AzuriteStorage.UniquePrefix();
                options.Queues.WorkerId = workerId;
            })
            .BuildServiceProvider();
    }
}
