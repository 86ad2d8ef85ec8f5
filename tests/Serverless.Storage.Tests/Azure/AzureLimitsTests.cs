using Serverless.Storage.Tables;
using Serverless.Testing.Azurite;
using Xunit;

namespace Serverless.Storage.Tests.Azure;

/// <summary>
/// What the service cannot hold is refused before anything is written, and what it can hold is kept whole.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class AzureLimitsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly Serverless.Storage.Azure.AzureStorageProvider _provider = AzuriteStorage.CreateProvider(azurite);

    public async Task InitializeAsync()
    {
        await _provider.GetTable("limits").CreateIfNotExistsAsync();
        await _provider.GetQueue("limits").CreateIfNotExistsAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_property_of_exactly_64_KiB_is_stored_whole()
    {
        var value = new string('x', 32 * 1024);

        await _provider.GetTable("limits").InsertAsync(
            new TableEntity("p", "r") { Properties = new Dictionary<string, string> { ["big"] = value } });

        Assert.Equal(value, (await _provider.GetTable("limits").GetAsync("p", "r"))!["big"]);
    }

    [Fact]
    public async Task A_property_over_64_KiB_is_refused_and_nothing_is_written()
    {
        var entity = new TableEntity(
            "p",
            "r") { Properties = new Dictionary<string, string> { ["big"] = new string('x', (32 * 1024) + 1) } };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            _provider.GetTable("limits").InsertAsync(entity));

        Assert.Contains("'big'", refused.Message, StringComparison.Ordinal);
        Assert.Null(await _provider.GetTable("limits").GetAsync("p", "r"));
    }

    [Fact]
    public async Task An_entity_over_1_MiB_is_refused_and_nothing_in_its_batch_is_written()
    {
        var properties = Enumerable.Range(0, 17).ToDictionary(i => $"part{i}", _ => new string('x', 32 * 1024));
        var tooBig = new TableEntity("p", "big") { Properties = properties };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => _provider.GetTable("limits").ExecuteBatchAsync(
            [TableOperation.Insert(new TableEntity("p", "small")), TableOperation.Insert(tooBig)]));

        Assert.Contains("1048576", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await _provider.GetTable("limits").QueryPartitionAsync("p"));
    }

    [Fact]
    public async Task A_batch_over_4_MiB_is_refused_and_nothing_is_written()
    {
        var properties = Enumerable.Range(0, 15).ToDictionary(i => $"part{i}", _ => new string('x', 32 * 1024));
        var operations = Enumerable.Range(0, 5)
            .Select(i => TableOperation.Insert(new TableEntity("p", $"r{i}") { Properties = properties }))
            .ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => _provider.GetTable("limits").ExecuteBatchAsync(operations));

        Assert.Empty(await _provider.GetTable("limits").QueryPartitionAsync("p"));
    }

    [Fact]
    public async Task A_message_of_exactly_48_KiB_is_delivered_whole()
    {
        var body = new string('m', 48 * 1024);

        await _provider.GetQueue("limits").SendAsync(body);

        Assert.Equal(
            body,
            Assert.Single(await _provider.GetQueue("limits").ReceiveAsync(1, TimeSpan.FromMinutes(1))).Body);
    }

    [Fact]
    public async Task A_message_over_48_KiB_is_refused_and_nothing_is_sent()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            _provider.GetQueue("limits").SendAsync(new string(
            'm',
            (48 * 1024) + 1)));

        Assert.Contains("49153 bytes", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _provider.GetQueue("limits").CountAsync());
    }

    [Fact]
    public async Task A_property_name_Azure_Tables_reserves_is_refused()
    {
        var entity = new TableEntity("p", "r") { Properties = new Dictionary<string, string> { ["Timestamp"] = "x" } };

        await Assert.ThrowsAsync<ArgumentException>(() => _provider.GetTable("limits").InsertAsync(entity));
    }
}
