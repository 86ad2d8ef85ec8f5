using Microsoft.Data.Sqlite;
using Serverless.Storage.Sqlite;
using Serverless.Storage.Tables;
using Xunit;

namespace Serverless.Storage.Tests.Sqlite;

/// <summary>What the SQLite backend promises beyond the shared conformance suites.</summary>
public sealed class SqliteStorageProviderTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Entities_and_messages_survive_reopening_the_file_with_a_new_provider()
    {
        using (var writer = new SqliteStorageProvider(new SqliteStorageOptions { DataSource = _database.Path }))
        {
            await writer.GetTable("orders").InsertAsync(
                new TableEntity("p", "r") { Properties = new Dictionary<string, string> { ["v"] = "1" } });
            await writer.GetQueue("jobs").SendAsync("job");
        }

        var reader = _database.CreateProvider();

        Assert.Equal("1", (await reader.GetTable("orders").GetAsync("p", "r"))!["v"]);
        Assert.Equal("job", Assert.Single(await reader.GetQueue("jobs").ReceiveAsync(1, TimeSpan.FromMinutes(1))).Body);
    }

    [Fact]
    public async Task The_database_file_is_in_write_ahead_log_mode()
    {
        await _database.CreateProvider().GetTable("orders").CreateIfNotExistsAsync();

        using var connection = new SqliteConnection($"Data Source={_database.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task Two_providers_on_one_file_detect_each_others_etag_conflicts()
    {
        var first = _database.CreateProvider().GetTable("orders");
        var second = _database.CreateProvider().GetTable("orders");
        var etag = await first.InsertAsync(new TableEntity("p", "r"));
        await second.ReplaceAsync(new TableEntity("p", "r"), etag);

        var conflict = await Assert.ThrowsAsync<TableConflictException>(() => first.ReplaceAsync(
            new TableEntity("p", "r"),
            etag));

        Assert.Equal(TableConflictReason.ETagMismatch, conflict.Reason);
    }

    [Fact]
    public async Task A_file_with_a_newer_schema_version_is_refused()
    {
        using (var connection = new SqliteConnection($"Data Source={_database.Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var table = _database.CreateProvider().GetTable("orders");

        await Assert.ThrowsAsync<StorageException>(() => table.GetAsync("p", "r"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(":memory:")]
    public void A_data_source_that_is_not_a_file_path_is_rejected(string dataSource)
    {
        Assert.Throws<ArgumentException>(() =>
            new SqliteStorageProvider(new SqliteStorageOptions { DataSource = dataSource }));
    }
}
