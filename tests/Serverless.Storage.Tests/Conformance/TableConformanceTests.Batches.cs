using Serverless.Storage.Tables;
using Xunit;

namespace Serverless.Storage.Tests.Conformance;

public abstract partial class TableConformanceTests
{
    [Fact]
    public async Task A_batch_applies_every_operation_and_returns_the_new_etags_in_order()
    {
        var replacedETag = await Table.InsertAsync(Entity("p", "replaced", ("v", "1")));
        await Table.InsertAsync(Entity("p", "deleted"));

        var etags = await Table.ExecuteBatchAsync(
        [
            TableOperation.Insert(Entity("p", "inserted", ("v", "i"))),
            TableOperation.Upsert(Entity("p", "upserted", ("v", "u"))),
            TableOperation.Replace(Entity("p", "replaced", ("v", "r")), replacedETag),
            TableOperation.Delete("p", "deleted"),
        ]);

        var rows = (await Table.QueryPartitionAsync("p")).ToDictionary(e => e.RowKey, StringComparer.Ordinal);
        Assert.Equal(["inserted", "replaced", "upserted"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([rows["inserted"].ETag, rows["upserted"].ETag, rows["replaced"].ETag, null], etags);
        AssertProperties(rows["replaced"], ("v", "r"));
    }

    [Fact]
    public async Task A_batch_with_one_failing_operation_leaves_the_partition_untouched()
    {
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rowKey in new[] { "a", "b", "c", "d" })
        {
            etags[rowKey] = await Table.InsertAsync(Entity("p", rowKey, ("v", rowKey)));
        }

        var before = (await Table.QueryPartitionAsync("p")).Select(Describe).ToList();
        Time.Advance(TimeSpan.FromMinutes(1));

        var conflict = await Assert.ThrowsAsync<TableConflictException>(() => Table.ExecuteBatchAsync(
        [
            TableOperation.Insert(Entity("p", "new", ("v", "new"))),
            TableOperation.Upsert(Entity("p", "a", ("v", "a2"))),
            TableOperation.Replace(Entity("p", "b", ("v", "b2")), etags["b"]),
            TableOperation.Delete("p", "c", etags["c"]),
            TableOperation.Replace(Entity("p", "d", ("v", "d2")), etags["a"]),
        ]));

        Assert.Equal(4, conflict.OperationIndex);
        Assert.Equal(before, (await Table.QueryPartitionAsync("p")).Select(Describe).ToList());
    }

    [Fact]
    public async Task A_batch_conflict_reports_the_index_and_reason_of_the_failing_operation()
    {
        await Table.InsertAsync(Entity("p", "exists"));

        var conflict = await Assert.ThrowsAsync<TableConflictException>(() => Table.ExecuteBatchAsync(
        [
            TableOperation.Upsert(Entity("p", "x")),
            TableOperation.Insert(Entity("p", "exists")),
            TableOperation.Upsert(Entity("p", "y")),
        ]));

        Assert.Equal((1, TableConflictReason.EntityAlreadyExists), (conflict.OperationIndex, conflict.Reason));
        Assert.Equal(["exists"], (await Table.QueryPartitionAsync("p")).Select(e => e.RowKey));
    }

    [Fact]
    public async Task A_batch_of_exactly_100_operations_is_applied()
    {
        var operations = Enumerable.Range(0, TableBatch.MaxOperations)
            .Select(i => TableOperation.Insert(Entity("p", $"r{i:D3}")))
            .ToList();

        await Table.ExecuteBatchAsync(operations);

        Assert.Equal(100, (await Table.QueryPartitionAsync("p")).Count);
    }

    [Fact]
    public async Task A_batch_of_more_than_100_operations_is_rejected_and_nothing_is_written()
    {
        var operations = Enumerable.Range(0, TableBatch.MaxOperations + 1)
            .Select(i => TableOperation.Insert(Entity("p", $"r{i:D3}")))
            .ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => Table.ExecuteBatchAsync(operations));

        Assert.Empty(await Table.QueryPartitionAsync("p"));
    }

    [Fact]
    public async Task An_empty_batch_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Table.ExecuteBatchAsync([]));
    }

    [Fact]
    public async Task A_batch_spanning_two_partitions_is_rejected_and_nothing_is_written()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Table.ExecuteBatchAsync(
        [
            TableOperation.Insert(Entity("p1", "r")),
            TableOperation.Insert(Entity("p2", "r")),
        ]));

        Assert.Empty((await Table.QueryAsync(new TableQuery())).Items);
    }

    [Fact]
    public async Task A_batch_touching_one_row_twice_is_rejected_and_nothing_is_written()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Table.ExecuteBatchAsync(
        [
            TableOperation.Insert(Entity("p", "r")),
            TableOperation.Upsert(Entity("p", "r")),
        ]));

        Assert.Null(await Table.GetAsync("p", "r"));
    }

    [Fact]
    public async Task Parallel_read_modify_replace_loops_never_lose_an_update()
    {
        await Table.InsertAsync(Entity("p", "counter", ("value", "0")));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var done = 0; done < 25;)
            {
                var current = (await Table.GetAsync("p", "counter"))!;
                var next = Entity(
                    "p",
                    "counter",
                    (
                        "value",
                        (int.Parse(current["value"]!, System.Globalization.CultureInfo.InvariantCulture) + 1)
                            .ToString(System.Globalization.CultureInfo.InvariantCulture)));
                try
                {
                    await Table.ReplaceAsync(next, current.ETag!);
                    done++;
                }
                catch (TableConflictException conflict) when (conflict.Reason == TableConflictReason.ETagMismatch)
                {
                }
            }
        })));

        AssertProperties(await Table.GetAsync("p", "counter"), ("value", "100"));
    }
}
