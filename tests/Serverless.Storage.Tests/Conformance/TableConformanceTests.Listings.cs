using Serverless.Storage.Tables;
using Xunit;

namespace Serverless.Storage.Tests.Conformance;

/// <summary>
/// Listings whose pages fill however sparse the matches, and the scan bound that may end a page early.
/// </summary>
public abstract partial class TableConformanceTests
{
    [Fact]
    public async Task Query_matching_any_of_several_values_fills_its_page_however_far_apart_the_matches_lie()
    {
        var matches = new Dictionary<int, string> { [7] = "Running", [19] = "Pending", [23] = "Running" };
        for (var i = 0; i < 30; i++)
        {
            await Table.ExecuteBatchAsync(
            [
                TableOperation.Insert(Entity($"p{i:D2}", "instance", ("status", matches.GetValueOrDefault(i, "Done")))),
                TableOperation.Insert(Entity($"p{i:D2}", "history", ("status", "Running"))),
            ]);
        }

        var query = new TableQuery
        {
            RowKey = "instance",
            AnyOf = [
                new PropertyFilter("status", FilterOperator.Equal, "Running"),
                new PropertyFilter("status", FilterOperator.Equal, "Pending")],
            Top = 2,
        };
        var first = await Table.QueryAsync(query);
        var second = await Table.QueryAsync(query with { ContinuationToken = first.ContinuationToken });

        Assert.Equal(["p07", "p19"], first.Items.Select(e => e.PartitionKey));
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(["p23"], second.Items.Select(e => e.PartitionKey));
        Assert.Null(second.ContinuationToken);
    }

    [Fact]
    public async Task Query_with_a_partition_key_prefix_returns_exactly_the_partitions_that_start_with_it()
    {
        foreach (var partitionKey in new[] { "or", "order", "order-1", "order/2", "order#3", "ordes", "other", "p" })
        {
            await Table.InsertAsync(Entity(partitionKey, "instance"));
        }

        var pages = await ReadAllPagesAsync(new TableQuery { PartitionKeyPrefix = "order", Top = 2 });

        Assert.Equal(
            ["order", "order#3", "order-1", "order/2"],
            pages.SelectMany(page => page).Select(e => e.PartitionKey).Order(StringComparer.Ordinal));
        Assert.All(pages.SkipLast(1), page => Assert.Equal(2, page.Count));
    }

    [Fact]
    public async Task A_page_that_reaches_the_scan_bound_ends_there_and_its_token_resumes_after_the_last_row_read()
    {
        for (var i = 0; i < 5; i++)
        {
            await Table.InsertAsync(Entity($"p{i}", "r"));
        }

        var pages = await ReadAllPagesAsync(new TableQuery { Top = 10, MaxScanned = 2 });

        Assert.Equal(
            [["p0", "p1"], ["p2", "p3"], ["p4"]],
            pages.Select(page => page.Select(e => e.PartitionKey).ToArray()));
    }

    [Fact]
    public async Task Paging_a_sparse_filter_under_a_scan_bound_still_returns_every_match_once_in_order()
    {
        var expected = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var kind = i % 9 == 4 ? "match" : "skip";
            await Table.InsertAsync(Entity($"p{i:D2}", "r", ("kind", kind)));
            if (kind == "match")
            {
                expected.Add($"p{i:D2}");
            }
        }

        var pages = await ReadAllPagesAsync(new TableQuery
        {
            Filters = [new PropertyFilter("kind", FilterOperator.Equal, "match")],
            Top = 3,
            MaxScanned = 5,
        });

        Assert.Equal(expected, pages.SelectMany(page => page).Select(e => e.PartitionKey));
        Assert.All(pages, page => Assert.InRange(page.Count, 0, 3));
    }

    [Fact]
    public async Task Querying_all_matches_follows_every_page_and_may_delete_rows_as_it_goes()
    {
        for (var i = 0; i < 12; i++)
        {
            await Table.InsertAsync(Entity($"p{i:D2}", "r", ("kind", i % 3 == 0 ? "skip" : "match")));
        }

        var seen = new List<string>();
        var query = new TableQuery { Filters = [new PropertyFilter("kind", FilterOperator.Equal, "match")], Top = 3 };
        await foreach (var row in Table.QueryAllAsync(query))
        {
            seen.Add(row.PartitionKey);
            await Table.DeleteAsync(row.PartitionKey, row.RowKey);
        }

        Assert.Equal(["p01", "p02", "p04", "p05", "p07", "p08", "p10", "p11"], seen);
        Assert.Empty(await Table.QueryAllAsync(query).ToListAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Query_rejects_a_scan_bound_below_one(int bound)
    {
        await Table.InsertAsync(Entity("p", "r"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Table.QueryAsync(new TableQuery { MaxScanned = bound }));
    }
}
