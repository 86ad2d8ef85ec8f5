using Serverless.Orders.Inventory;
using Serverless.Orders.Tests.Support;
using Serverless.Storage;
using Serverless.Storage.InMemory;

namespace Serverless.Orders.Tests.Inventory;

public sealed class InventoryStoreTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly InventoryStore _store;

    public InventoryStoreTests()
    {
        _store = new InventoryStore(_database.CreateProvider());
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Setting_stock_creates_the_sku_with_everything_available()
    {
        await _store.SetStockAsync("SKU-1", 10, 12.50m);

        var level = await _store.GetAsync("SKU-1");

        Assert.Equal(new StockLevel("SKU-1", 10, 0, 0, 12.50m), level);
    }

    [Fact]
    public async Task An_unknown_sku_has_no_stock()
    {
        Assert.Null(await _store.GetAsync("NOPE"));
    }

    [Fact]
    public async Task Reserve_fails_when_stock_is_insufficient_and_changes_nothing()
    {
        await _store.SetStockAsync("SKU-1", 2, 1m);

        var outcome = await _store.ReserveAsync("o-1", [new StockLine("SKU-1", 3)]);

        Assert.False(outcome.Reserved);
        Assert.Equal(("SKU-1", 3L, 2L), (outcome.ShortSku, outcome.Requested, outcome.Available));
        Assert.Equal(new StockLevel("SKU-1", 2, 0, 0, 1m), await _store.GetAsync("SKU-1"));
    }

    [Fact]
    public async Task A_short_sku_releases_the_skus_already_reserved_for_the_order_and_is_reported()
    {
        await _store.SetStockAsync("A", 5, 1m);
        await _store.SetStockAsync("B", 1, 1m);

        var outcome = await _store.ReserveAsync("o-1", [new StockLine("A", 2), new StockLine("B", 2)]);

        Assert.False(outcome.Reserved);
        Assert.Equal("B", outcome.ShortSku);
        Assert.Equal(new StockLevel("A", 5, 0, 0, 1m), await _store.GetAsync("A"));
        Assert.Equal(new StockLevel("B", 1, 0, 0, 1m), await _store.GetAsync("B"));
    }

    [Fact]
    public async Task Reserving_an_unknown_sku_reports_it_short()
    {
        var outcome = await _store.ReserveAsync("o-1", [new StockLine("GHOST", 1)]);

        Assert.False(outcome.Reserved);
        Assert.Equal("GHOST", outcome.ShortSku);
    }

    [Fact]
    public async Task Reserving_again_for_the_same_order_reserves_nothing_twice()
    {
        await _store.SetStockAsync("A", 5, 1m);

        var first = await _store.ReserveAsync("o-1", [new StockLine("A", 2)]);
        var second = await _store.ReserveAsync("o-1", [new StockLine("A", 2)]);

        Assert.True(first.Reserved);
        Assert.True(second.Reserved);
        Assert.Equal(new StockLevel("A", 3, 2, 0, 1m), await _store.GetAsync("A"));
    }

    [Fact]
    public async Task A_reservation_reads_the_orders_reservation_row_once()
    {
        var storage = new ReadCountingStorage(_database.CreateProvider());
        var store = new InventoryStore(storage);
        await store.SetStockAsync("A", 5, 1m);

        var outcome = await store.ReserveAsync("o-1", [new StockLine("A", 2)]);

        Assert.True(outcome.Reserved);
        Assert.Equal(1, storage.Reads(InventoryStore.TableName, "reservation:o-1"));
        Assert.Equal(new StockLevel("A", 3, 2, 0, 1m), await store.GetAsync("A"));
    }

    [Fact]
    public async Task A_reservation_whose_row_another_process_wrote_after_its_look_reads_again_and_reserves_once()
    {
        var storage = new ReadCountingStorage(_database.CreateProvider());
        var store = new InventoryStore(storage);
        var otherProcess = new InventoryStore(_database.CreateProvider());
        await store.SetStockAsync("A", 5, 1m);
        var raced = 0;
        storage.AfterGet = async rowKey =>
        {
            if (rowKey == "reservation:o-1" && Interlocked.Exchange(ref raced, 1) == 0)
            {
                Assert.True((await otherProcess.ReserveAsync("o-1", [new StockLine("A", 2)])).Reserved);
            }
        };

        var outcome = await store.ReserveAsync("o-1", [new StockLine("A", 2)]);

        Assert.True(outcome.Reserved);
        Assert.Equal(2, storage.Reads(InventoryStore.TableName, "reservation:o-1"));
        Assert.Equal(new StockLevel("A", 3, 2, 0, 1m), await store.GetAsync("A"));
    }

    [Fact]
    public async Task Concurrent_duplicate_reservations_of_one_order_reserve_once()
    {
        await _store.SetStockAsync("A", 10, 1m);
        await _store.SetStockAsync("B", 10, 1m);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(() => _store.ReserveAsync("o-1", [new StockLine("A", 2), new StockLine("B", 1)]))));

        Assert.All(outcomes, o => Assert.True(o.Reserved));
        Assert.Equal(new StockLevel("A", 8, 2, 0, 1m), await _store.GetAsync("A"));
        Assert.Equal(new StockLevel("B", 9, 1, 0, 1m), await _store.GetAsync("B"));
    }

    [Fact]
    public async Task A_repeated_reservation_that_was_short_answers_short_again_even_after_a_restock()
    {
        await _store.SetStockAsync("A", 1, 1m);
        await _store.ReserveAsync("o-1", [new StockLine("A", 2)]);
        await _store.SetStockAsync("A", 10, 1m);

        var again = await _store.ReserveAsync("o-1", [new StockLine("A", 2)]);

        Assert.False(again.Reserved);
        Assert.Equal(new StockLevel("A", 10, 0, 0, 1m), await _store.GetAsync("A"));
    }

    [Fact]
    public async Task Commit_moves_reserved_units_to_sold_once()
    {
        await _store.SetStockAsync("A", 5, 1m);
        await _store.SetStockAsync("B", 5, 1m);
        await _store.ReserveAsync("o-1", [new StockLine("A", 2), new StockLine("B", 1)]);

        await _store.CommitAsync("o-1", ["A", "B"]);
        await _store.CommitAsync("o-1", ["A", "B"]);

        Assert.Equal(new StockLevel("A", 3, 0, 2, 1m), await _store.GetAsync("A"));
        Assert.Equal(new StockLevel("B", 4, 0, 1, 1m), await _store.GetAsync("B"));
    }

    [Fact]
    public async Task Commit_of_a_released_reservation_is_refused()
    {
        await _store.SetStockAsync("A", 5, 1m);
        await _store.ReserveAsync("o-1", [new StockLine("A", 2)]);
        await _store.ReleaseAsync("o-1", ["A"]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.CommitAsync("o-1", ["A"]));
        Assert.Equal(new StockLevel("A", 5, 0, 0, 1m), await _store.GetAsync("A"));
    }

    [Fact]
    public async Task Release_returns_reserved_units_to_available_once()
    {
        await _store.SetStockAsync("A", 5, 1m);
        await _store.ReserveAsync("o-1", [new StockLine("A", 2)]);

        await _store.ReleaseAsync("o-1", ["A"]);
        await _store.ReleaseAsync("o-1", ["A"]);

        Assert.Equal(new StockLevel("A", 5, 0, 0, 1m), await _store.GetAsync("A"));
    }

    [Fact]
    public async Task Release_after_commit_restocks_the_sold_units_once()
    {
        await _store.SetStockAsync("A", 5, 1m);
        await _store.ReserveAsync("o-1", [new StockLine("A", 2)]);
        await _store.CommitAsync("o-1", ["A"]);

        await _store.ReleaseAsync("o-1", ["A"]);
        await _store.ReleaseAsync("o-1", ["A"]);

        Assert.Equal(new StockLevel("A", 5, 0, 0, 1m), await _store.GetAsync("A"));
    }

    [Fact]
    public async Task Release_before_any_reservation_changes_nothing_and_blocks_a_late_reservation()
    {
        await _store.SetStockAsync("A", 5, 1m);

        await _store.ReleaseAsync("o-1", ["A"]);
        var late = await _store.ReserveAsync("o-1", [new StockLine("A", 2)]);

        Assert.False(late.Reserved);
        Assert.Equal(new StockLevel("A", 5, 0, 0, 1m), await _store.GetAsync("A"));
    }

    [Fact]
    public async Task Setting_stock_keeps_reservations_and_sales_so_the_total_is_available_plus_held_units()
    {
        await _store.SetStockAsync("A", 10, 1m);
        await _store.ReserveAsync("o-1", [new StockLine("A", 3)]);
        await _store.ReserveAsync("o-2", [new StockLine("A", 2)]);
        await _store.CommitAsync("o-2", ["A"]);

        var level = await _store.SetStockAsync("A", 7, 2m);

        Assert.Equal(new StockLevel("A", 7, 3, 2, 2m), level);
        Assert.Equal(12, level.Total);
        Assert.Equal(level, await _store.GetAsync("A"));
    }

    public static TheoryData<string> Backends => new() { "sqlite", "in-memory" };

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Concurrent_reservations_never_oversell(string backend)
    {
        var store = backend == "sqlite" ? _store : new InventoryStore(new InMemoryStorageProvider());
        await store.SetStockAsync("HOT", 20, 1m);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => store.ReserveAsync($"o-{i}", [new StockLine("HOT", 1)]))));

        Assert.Equal(20, outcomes.Count(o => o.Reserved));
        Assert.Equal(new StockLevel("HOT", 0, 20, 0, 1m), await store.GetAsync("HOT"));
    }

    [Fact]
    public async Task The_stock_invariant_holds_under_concurrent_reserve_commit_and_release()
    {
        await _store.SetStockAsync("A", 30, 1m);
        await _store.SetStockAsync("B", 10, 1m);

        // Each order reserves both SKUs, then commits (even) or releases (odd); some run short of B.
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            var orderId = $"o-{i}";
            var outcome = await _store.ReserveAsync(orderId, [new StockLine("A", 2), new StockLine("B", 1)]);
            if (!outcome.Reserved)
            {
                return;
            }

            if (i % 2 == 0)
            {
                await _store.CommitAsync(orderId, ["A", "B"]);
            }
            else
            {
                await _store.ReleaseAsync(orderId, ["A", "B"]);
            }
        })));

        var a = (await _store.GetAsync("A"))!;
        var b = (await _store.GetAsync("B"))!;
        Assert.Equal((30L, 0L), (a.Total, a.Reserved));
        Assert.Equal((10L, 0L), (b.Total, b.Reserved));
        Assert.Equal(a.Sold, 2 * b.Sold);
        Assert.True(a.Available >= 0 && b.Available >= 0);
    }

    [Fact]
    public async Task Two_processes_reserving_one_hot_sku_never_oversell()
    {
        // Two stores on two providers of one file: each combines its own changes, and the ETag arbitrates between them.
        var other = new InventoryStore(_database.CreateProvider());
        await _store.SetStockAsync("HOT", 30, 1m);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 80).Select(i =>
            Task.Run(() => (i % 2 == 0 ? _store : other).ReserveAsync($"o-{i}", [new StockLine("HOT", 1)]))));

        Assert.Equal(30, outcomes.Count(o => o.Reserved));
        Assert.Equal(new StockLevel("HOT", 0, 30, 0, 1m), await _store.GetAsync("HOT"));
    }

    [Fact]
    public async Task A_commit_without_a_reservation_fails_alone_while_the_changes_queued_with_it_apply()
    {
        await _store.SetStockAsync("HOT", 100, 1m);

        var reservations = Enumerable.Range(0, 40)
            .Select(i => Task.Run(() => _store.ReserveAsync($"o-{i}", [new StockLine("HOT", 1)])))
            .ToList();
        var strayCommit = Task.Run(() => _store.CommitAsync("never-reserved", ["HOT"]));

        await Assert.ThrowsAsync<InvalidOperationException>(() => strayCommit);
        Assert.All(await Task.WhenAll(reservations), outcome => Assert.True(outcome.Reserved));
        Assert.Equal(new StockLevel("HOT", 60, 40, 0, 1m), await _store.GetAsync("HOT"));
    }
}
