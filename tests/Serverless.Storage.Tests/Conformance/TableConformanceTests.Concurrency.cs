using Serverless.Storage.Tables;
using Xunit;

namespace Serverless.Storage.Tests.Conformance;

public abstract partial class TableConformanceTests
{
    // A backend may commit concurrent callers' batches together (the SQLite backend does); the contract stays per
    // batch.
    [Fact]
    public async Task Concurrent_batches_succeed_or_fail_each_on_their_own_preconditions()
    {
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 24; i++)
        {
            etags[$"p{i}"] = await Table.InsertAsync(Entity($"p{i}", "row", ("v", "0")));
        }

        // Every third batch replaces with a stale ETag (of another partition's row) and also inserts a row that must
        // then not appear.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            var stale = i % 3 == 0;
            try
            {
                await Table.ExecuteBatchAsync(
                [
                    TableOperation.Insert(Entity($"p{i}", "added", ("v", "1"))),
                    TableOperation.Replace(
                        Entity($"p{i}", "row", ("v", "1")),
                        stale ? etags[$"p{(i + 1) % 24}"] : etags[$"p{i}"]),
                ]);
                return (Index: i, Stale: stale, Conflict: (TableConflictException?)null);
            }
            catch (TableConflictException conflict)
            {
                return (Index: i, Stale: stale, Conflict: conflict);
            }
        }));

        foreach (var (index, stale, conflict) in outcomes)
        {
            var rows = (await Table.QueryPartitionAsync($"p{index}")).ToDictionary(
                e => e.RowKey,
                StringComparer.Ordinal);
            if (stale)
            {
                Assert.NotNull(conflict);
                Assert.Equal(1, conflict.OperationIndex);
                Assert.Equal(["row"], rows.Keys);
                AssertProperties(rows["row"], ("v", "0"));
            }
            else
            {
                Assert.Null(conflict);
                Assert.Equal(["added", "row"], rows.Keys.Order(StringComparer.Ordinal));
                AssertProperties(rows["row"], ("v", "1"));
            }
        }
    }

    [Fact]
    public async Task Concurrent_replaces_of_one_row_with_the_same_etag_let_exactly_one_win()
    {
        var etag = await Table.InsertAsync(Entity("p", "row", ("v", "0")));

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 16).Select(async i =>
        {
            try
            {
                await Table.ReplaceAsync(Entity("p", "row", ("v", $"{i}")), etag);
                return i;
            }
            catch (TableConflictException)
            {
                return 0;
            }
        }));

        var winner = Assert.Single(outcomes, i => i != 0);
        AssertProperties((await Table.GetAsync("p", "row"))!, ("v", $"{winner}"));
    }
}
