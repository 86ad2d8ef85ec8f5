using Serverless.Storage.Tables;
using Xunit;

namespace Serverless.Storage.Tests.Conformance;

public abstract partial class TableConformanceTests
{
    [Fact]
    public async Task QueryPartition_returns_only_that_partition_in_row_key_order()
    {
        foreach (
            var (partitionKey, rowKey) in new[] { ("p", "c"),
            ("other", "a"),
            ("p", "a"),
            ("p", "B"),
            ("p", "b"),
            ("q", "a") })
        {
            await Table.InsertAsync(Entity(partitionKey, rowKey));
        }

        var rows = await Table.QueryPartitionAsync("p");

        Assert.Equal(["B", "a", "b", "c"], rows.Select(e => e.RowKey));
    }

    [Fact]
    public async Task QueryPartition_with_a_prefix_returns_the_matching_rows_in_row_key_order()
    {
        foreach (var rowKey in new[] { "abc", "b", "ab", "aa", "ac", "ab-1", "a" })
        {
            await Table.InsertAsync(Entity("p", rowKey));
        }

        await Table.InsertAsync(Entity("other", "ab"));

        var rows = await Table.QueryPartitionAsync("p", "ab");

        Assert.Equal(["ab", "ab-1", "abc"], rows.Select(e => e.RowKey));
    }

    [Fact]
    public async Task QueryPartition_with_a_prefix_matching_nothing_returns_nothing()
    {
        await Table.InsertAsync(Entity("p", "a"));
        await Table.InsertAsync(Entity("p", "z"));

        Assert.Empty(await Table.QueryPartitionAsync("p", "m"));
    }

    [Fact]
    public async Task Query_returns_entities_across_partitions_ordered_by_partition_then_row_key()
    {
        foreach (
            var (partitionKey, rowKey) in new[] { ("p2", "b"),
            ("p1", "b"),
            ("p3", "a"),
            ("p2", "a"),
            ("p1", "a") })
        {
            await Table.InsertAsync(Entity(partitionKey, rowKey));
        }

        var page = await Table.QueryAsync(new TableQuery());

        Assert.Equal(["p1/a", "p1/b", "p2/a", "p2/b", "p3/a"], page.Items.Select(e => $"{e.PartitionKey}/{e.RowKey}"));
        Assert.Null(page.ContinuationToken);
    }

    [Theory]
    [InlineData(FilterOperator.Equal, "Failed")]
    [InlineData(FilterOperator.NotEqual, "Completed,Running,completed")]
    [InlineData(FilterOperator.GreaterThan, "Running,completed")]
    [InlineData(FilterOperator.GreaterThanOrEqual, "Failed,Running,completed")]
    [InlineData(FilterOperator.LessThan, "Completed")]
    [InlineData(FilterOperator.LessThanOrEqual, "Completed,Failed")]
    public async Task Query_filters_compare_property_values_ordinally(FilterOperator comparison, string expected)
    {
        foreach (var status in new[] { "Completed", "Failed", "Running", "completed" })
        {
            await Table.InsertAsync(Entity(status, "instance", ("status", status)));
        }

        await Table.InsertAsync(Entity("NoStatus", "instance", ("other", "Failed")));

        var page = await Table.QueryAsync(new TableQuery { Filters = [new PropertyFilter(
            "status",
            comparison,
            "Failed")] });

        Assert.Equal(expected.Split(','), page.Items.Select(e => e.PartitionKey));
    }

    [Fact]
    public async Task Query_filters_never_match_an_entity_without_the_property()
    {
        await Table.InsertAsync(Entity("p", "without", ("other", "x")));

        var page = await Table.QueryAsync(new TableQuery { Filters = [new PropertyFilter(
            "status",
            FilterOperator.NotEqual,
            "Failed")] });

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Query_with_several_filters_returns_only_entities_matching_all_of_them()
    {
        await Table.InsertAsync(Entity("p1", "r", ("status", "Running"), ("name", "billing")));
        await Table.InsertAsync(Entity("p2", "r", ("status", "Running"), ("name", "shipping")));
        await Table.InsertAsync(Entity("p3", "r", ("status", "Failed"), ("name", "billing")));

        var page = await Table.QueryAsync(new TableQuery
        {
            Filters = [
                new PropertyFilter("status", FilterOperator.Equal, "Running"),
                new PropertyFilter("name", FilterOperator.Equal, "billing")],
        });

        Assert.Equal(["p1"], page.Items.Select(e => e.PartitionKey));
    }

    [Fact]
    public async Task Query_with_a_row_key_returns_only_that_row_of_each_partition()
    {
        foreach (var partitionKey in new[] { "p1", "p2", "p3" })
        {
            await Table.InsertAsync(Entity(partitionKey, "instance"));
            await Table.InsertAsync(Entity(partitionKey, "history-001"));
        }

        await Table.InsertAsync(Entity("p4", "history-001"));

        var page = await Table.QueryAsync(new TableQuery { RowKey = "instance" });

        Assert.Equal(
            ["p1/instance", "p2/instance", "p3/instance"],
            page.Items.Select(e => $"{e.PartitionKey}/{e.RowKey}"));
    }

    [Fact]
    public async Task Paging_with_continuation_tokens_returns_every_match_exactly_once_in_order()
    {
        var expected = new List<string>();
        for (var p = 0; p < 6; p++)
        {
            var operations = new List<TableOperation>();
            for (var r = 0; r < 10; r++)
            {
                var kind = (p + r) % 3 == 0 ? "match" : "skip";
                operations.Add(TableOperation.Insert(Entity($"p{p}", $"r{r}", ("kind", kind))));
                if (kind == "match")
                {
                    expected.Add($"p{p}/r{r}");
                }
            }

            await Table.ExecuteBatchAsync(operations);
        }

        var pages = await ReadAllPagesAsync(
            new TableQuery { Filters = [new PropertyFilter("kind", FilterOperator.Equal, "match")], Top = 7 });

        Assert.Equal(expected, pages.SelectMany(page => page).Select(e => $"{e.PartitionKey}/{e.RowKey}"));
        Assert.All(pages.SkipLast(1), page => Assert.Equal(7, page.Count));
    }

    [Fact]
    public async Task Paging_with_a_row_key_visits_every_partition_exactly_once()
    {
        for (var p = 0; p < 5; p++)
        {
            await Table.ExecuteBatchAsync(
            [
                TableOperation.Insert(Entity($"p{p}", "a")),
                TableOperation.Insert(Entity($"p{p}", "instance")),
                TableOperation.Insert(Entity($"p{p}", "z")),
            ]);
        }

        var pages = await ReadAllPagesAsync(new TableQuery { RowKey = "instance", Top = 2 });

        Assert.Equal(["p0", "p1", "p2", "p3", "p4"], pages.SelectMany(page => page).Select(e => e.PartitionKey));
        Assert.Equal(3, pages.Count);
    }

    [Fact]
    public async Task Query_with_exactly_top_matches_returns_no_continuation_token()
    {
        for (var i = 0; i < 3; i++)
        {
            await Table.InsertAsync(Entity($"p{i}", "r"));
        }

        var page = await Table.QueryAsync(new TableQuery { Top = 3 });

        Assert.Equal(3, page.Items.Count);
        Assert.Null(page.ContinuationToken);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("bm8tc2VwYXJhdG9y")]
    public async Task Query_with_a_malformed_continuation_token_throws_ArgumentException(string token)
    {
        await Table.InsertAsync(Entity("p", "r"));

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Table.QueryAsync(new TableQuery { ContinuationToken = token }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Query_rejects_a_page_size_outside_1_to_1000(int top)
    {
        await Table.InsertAsync(Entity("p", "r"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Table.QueryAsync(new TableQuery { Top = top }));
    }

    [Fact]
    public async Task A_continuation_token_resumes_after_its_row_even_when_that_row_was_deleted()
    {
        for (var i = 0; i < 4; i++)
        {
            await Table.InsertAsync(Entity("p", $"r{i}"));
        }

        var first = await Table.QueryAsync(new TableQuery { Top = 2 });
        await Table.DeleteAsync("p", "r1");

        var second = await Table.QueryAsync(new TableQuery { Top = 2, ContinuationToken = first.ContinuationToken });

        Assert.Equal(["r2", "r3"], second.Items.Select(e => e.RowKey));
    }

    private async Task<List<IReadOnlyList<TableEntity>>> ReadAllPagesAsync(TableQuery query)
    {
        var pages = new List<IReadOnlyList<TableEntity>>();
        string? token = null;
        do
        {
            var page = await Table.QueryAsync(query with { ContinuationToken = token });
            pages.Add(page.Items);
            token = page.ContinuationToken;
            Assert.True(pages.Count <= 100, "Paging does not end.");
        }
        while (token is not null);

        return pages;
    }
}
