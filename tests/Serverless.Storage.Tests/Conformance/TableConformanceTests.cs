using Microsoft.Extensions.Time.Testing;
using Serverless.Storage.Tables;
using Xunit;

namespace Serverless.Storage.Tests.Conformance;

/// <summary>
/// The contract of <see cref="ITable"/>, run by every backend: derive, supply a fresh provider, and every test here
/// runs against it. Each test gets a new instance, so a new provider and an empty table.
/// </summary>
public abstract partial class TableConformanceTests : IAsyncLifetime
{
    private IStorageProvider? _provider;
    private ITable? _table;

    /// <summary>The clock of the provider; tests advance it instead of sleeping.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected IStorageProvider Provider => _provider ?? throw new InvalidOperationException("Not initialized.");

    protected ITable Table => _table ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _provider = CreateProvider(Time);
        _table = _provider.GetTable("conformance");
        await _table.CreateIfNotExistsAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A provider with no data, whose time comes from <paramref name="time"/>.</summary>
    protected abstract IStorageProvider CreateProvider(TimeProvider time);

    /// <summary>
    /// How far after the provider's clock a write's timestamp may be: zero where the backend stamps with that clock,
    /// the service's sub-millisecond precision where a service stamps with its own (Azure Tables: 100 ns).
    /// </summary>
    protected virtual TimeSpan TimestampTolerance => TimeSpan.Zero;

    protected static TableEntity Entity(
        string partitionKey,
        string rowKey,
        params (string Name, string Value)[] properties) =>
        new(
            partitionKey,
            rowKey) { Properties = properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal) };

    /// <summary>Everything observable about an entity, as one comparable string.</summary>
    protected static string Describe(TableEntity? entity) =>
        entity is null
            ? "(none)"
            : $"{entity.PartitionKey}|{entity.RowKey}|{entity.ETag}|{entity.Timestamp.UtcTicks}|"
              + string.Join(
                  ",",
                  entity.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    protected static void AssertProperties(TableEntity? actual, params (string Name, string Value)[] expected)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            expected.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value}"),
            actual.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
    }

    [Fact]
    public async Task Get_returns_null_when_the_entity_does_not_exist()
    {
        var entity = await Table.GetAsync("p", "missing");

        Assert.Null(entity);
    }

    [Fact]
    public async Task Insert_stores_the_entity_with_its_properties_and_etag()
    {
        var etag = await Table.InsertAsync(Entity("p", "r", ("name", "Ada"), ("age", "36")));

        var stored = await Table.GetAsync("p", "r");
        AssertProperties(stored, ("name", "Ada"), ("age", "36"));
        Assert.Equal(etag, stored!.ETag);
    }

    [Fact]
    public async Task A_write_stamps_the_entity_with_the_time_of_the_write()
    {
        await Table.InsertAsync(Entity("p", "r"));
        Time.Advance(TimeSpan.FromMinutes(3));

        await Table.UpsertAsync(Entity("p", "r", ("v", "2")));

        Assert.InRange(
            (await Table.GetAsync("p", "r"))!.Timestamp,
            Time.GetUtcNow(),
            Time.GetUtcNow() + TimestampTolerance);
    }

    [Fact]
    public async Task Insert_fails_with_EntityAlreadyExists_when_the_row_exists()
    {
        await Table.InsertAsync(Entity("p", "r", ("v", "1")));

        var conflict = await Assert.ThrowsAsync<TableConflictException>(() => Table.InsertAsync(Entity(
            "p",
            "r",
            ("v", "2"))));

        Assert.Equal(TableConflictReason.EntityAlreadyExists, conflict.Reason);
        AssertProperties(await Table.GetAsync("p", "r"), ("v", "1"));
    }

    [Fact]
    public async Task Upsert_inserts_a_missing_entity()
    {
        var etag = await Table.UpsertAsync(Entity("p", "r", ("v", "1")));

        var stored = await Table.GetAsync("p", "r");
        AssertProperties(stored, ("v", "1"));
        Assert.Equal(etag, stored!.ETag);
    }

    [Fact]
    public async Task Upsert_replaces_every_property_of_an_existing_entity()
    {
        await Table.InsertAsync(Entity("p", "r", ("old", "x"), ("shared", "1")));

        await Table.UpsertAsync(Entity("p", "r", ("shared", "2"), ("new", "y")));

        AssertProperties(await Table.GetAsync("p", "r"), ("shared", "2"), ("new", "y"));
    }

    [Fact]
    public async Task Every_write_gives_the_entity_a_new_etag()
    {
        var inserted = await Table.InsertAsync(Entity("p", "r", ("v", "1")));
        var upserted = await Table.UpsertAsync(Entity("p", "r", ("v", "1")));
        var replaced = await Table.ReplaceAsync(Entity("p", "r", ("v", "1")), upserted);
        var replacedAny = await Table.ReplaceAsync(Entity("p", "r", ("v", "1")), TableOperation.AnyETag);

        Assert.Equal(4, new[] { inserted, upserted, replaced, replacedAny }.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(replacedAny, (await Table.GetAsync("p", "r"))!.ETag);
    }

    [Fact]
    public async Task Replace_succeeds_when_the_etag_matches()
    {
        var etag = await Table.InsertAsync(Entity("p", "r", ("v", "1")));

        var newETag = await Table.ReplaceAsync(Entity("p", "r", ("v", "2")), etag);

        var stored = await Table.GetAsync("p", "r");
        AssertProperties(stored, ("v", "2"));
        Assert.Equal(newETag, stored!.ETag);
    }

    [Fact]
    public async Task Replace_fails_when_the_etag_is_stale()
    {
        var staleETag = await Table.InsertAsync(Entity("p", "r", ("v", "1")));
        await Table.UpsertAsync(Entity("p", "r", ("v", "2")));
        var before = await Table.GetAsync("p", "r");

        var conflict = await Assert.ThrowsAsync<TableConflictException>(() => Table.ReplaceAsync(
            Entity("p", "r", ("v", "3")),
            staleETag));

        Assert.Equal(TableConflictReason.ETagMismatch, conflict.Reason);
        Assert.Equal(Describe(before), Describe(await Table.GetAsync("p", "r")));
    }

    [Fact]
    public async Task Replace_fails_with_EntityNotFound_when_the_row_is_missing()
    {
        var conflict = await Assert.ThrowsAsync<TableConflictException>(() => Table.ReplaceAsync(
            Entity("p", "r"),
            TableOperation.AnyETag));

        Assert.Equal(TableConflictReason.EntityNotFound, conflict.Reason);
        Assert.Null(await Table.GetAsync("p", "r"));
    }

    [Fact]
    public async Task Replace_with_the_any_etag_overwrites_whatever_version_is_stored()
    {
        await Table.InsertAsync(Entity("p", "r", ("v", "1")));
        await Table.UpsertAsync(Entity("p", "r", ("v", "2")));

        await Table.ReplaceAsync(Entity("p", "r", ("v", "3")), TableOperation.AnyETag);

        AssertProperties(await Table.GetAsync("p", "r"), ("v", "3"));
    }

    [Fact]
    public async Task Delete_removes_the_entity_when_the_etag_matches()
    {
        var etag = await Table.InsertAsync(Entity("p", "r"));

        await Table.DeleteAsync("p", "r", etag);

        Assert.Null(await Table.GetAsync("p", "r"));
    }

    [Fact]
    public async Task Delete_fails_when_the_etag_is_stale()
    {
        var staleETag = await Table.InsertAsync(Entity("p", "r", ("v", "1")));
        await Table.UpsertAsync(Entity("p", "r", ("v", "2")));

        var conflict = await Assert.ThrowsAsync<TableConflictException>(() => Table.DeleteAsync("p", "r", staleETag));

        Assert.Equal(TableConflictReason.ETagMismatch, conflict.Reason);
        AssertProperties(await Table.GetAsync("p", "r"), ("v", "2"));
    }

    [Fact]
    public async Task Delete_fails_with_EntityNotFound_when_the_row_is_missing()
    {
        var conflict = await Assert.ThrowsAsync<TableConflictException>(() => Table.DeleteAsync("p", "r"));

        Assert.Equal(TableConflictReason.EntityNotFound, conflict.Reason);
    }

    [Fact]
    public async Task An_etag_from_before_a_delete_does_not_match_the_reinserted_entity()
    {
        var oldETag = await Table.InsertAsync(Entity("p", "r", ("v", "1")));
        await Table.DeleteAsync("p", "r", oldETag);
        await Table.InsertAsync(Entity("p", "r", ("v", "2")));

        var conflict = await Assert.ThrowsAsync<TableConflictException>(() => Table.ReplaceAsync(
            Entity("p", "r", ("v", "3")),
            oldETag));

        Assert.Equal(TableConflictReason.ETagMismatch, conflict.Reason);
    }

    [Fact]
    public async Task Changing_the_written_dictionary_afterwards_does_not_change_the_stored_entity()
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["v"] = "1" };
        await Table.InsertAsync(new TableEntity("p", "r") { Properties = properties });

        properties["v"] = "changed";
        properties["extra"] = "x";

        AssertProperties(await Table.GetAsync("p", "r"), ("v", "1"));
    }

    [Fact]
    public async Task Keys_and_values_round_trip_unicode_quotes_and_json_text()
    {
        const string partitionKey = "tenant ü/42";
        const string rowKey = "order #7 – 日本";
        var json = """{"items":[{"sku":"a\"b","qty":2}],"note":"line1\nline2\ttab"}""";

        await Table.InsertAsync(Entity(partitionKey, rowKey, ("payload", json), ("emoji", "😀 \\ '"), ("empty", "")));

        AssertProperties(
            await Table.GetAsync(partitionKey, rowKey),
            ("payload", json),
            ("emoji", "😀 \\ '"),
            ("empty", ""));
    }

    [Fact]
    public async Task Tables_with_different_names_do_not_share_entities()
    {
        var other = Provider.GetTable("othertable");
        await other.CreateIfNotExistsAsync();

        await Table.InsertAsync(Entity("p", "r", ("v", "mine")));

        Assert.Null(await other.GetAsync("p", "r"));
        Assert.Empty((await other.QueryAsync(new TableQuery())).Items);
    }

    [Fact]
    public async Task Creating_a_table_twice_keeps_its_entities()
    {
        await Table.InsertAsync(Entity("p", "r"));

        await Provider.GetTable("conformance").CreateIfNotExistsAsync();

        Assert.NotNull(await Table.GetAsync("p", "r"));
    }
}
