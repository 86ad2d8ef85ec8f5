using System.Globalization;
using Serverless.Storage.Tables;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Storage.Tests.Sqlite;

/// <summary>
/// Several OS processes on one SQLite file, each through its own
/// <see cref="Serverless.Storage.Sqlite.SqliteStorageProvider"/>.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class SqliteCrossProcessTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan RaceTimeout = TimeSpan.FromSeconds(45);

    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Two_processes_draining_one_queue_never_receive_the_same_message_and_together_receive_all()
    {
        var queue = _database.CreateProvider().GetQueue("shared-work");
        var sent = Enumerable.Range(0, 300).Select(i => $"m{i:D3}").ToList();
        await Task.WhenAll(sent.Select(body => queue.SendAsync(body)));

        using var first = ProbeProcess.Start("drain", _database.Path, "shared-work", "3");
        using var second = ProbeProcess.Start("drain", _database.Path, "shared-work", "3");
        await StartTogetherAsync(first, second);

        Assert.Equal(0, await first.WaitForExitAsync(RaceTimeout));
        Assert.Equal(0, await second.WaitForExitAsync(RaceTimeout));
        var firstGot = Bodies(first, "got ");
        var secondGot = Bodies(second, "got ");
        output.WriteLine($"first received {firstGot.Count}, second {secondGot.Count}");
        Assert.Empty(firstGot.Intersect(secondGot));
        Assert.Equal(sent, firstGot.Concat(secondGot).Order(StringComparer.Ordinal));
        Assert.Empty(Bodies(first, "stale ").Concat(Bodies(second, "stale ")));
        Assert.True(firstGot.Count > 0 && secondGot.Count > 0, "Both processes should have raced for messages.");
    }

    [Fact]
    public async Task Read_increment_replace_loops_in_two_processes_never_lose_an_update()
    {
        var table = _database.CreateProvider().GetTable("counters");
        await table.InsertAsync(
            new TableEntity("c", "counter") { Properties = new Dictionary<string, string> { ["value"] = "0" } });

        using var first = ProbeProcess.Start("increment", _database.Path, "counters", "c", "counter", "50");
        using var second = ProbeProcess.Start("increment", _database.Path, "counters", "c", "counter", "50");
        await StartTogetherAsync(first, second);

        Assert.Equal(0, await first.WaitForExitAsync(RaceTimeout));
        Assert.Equal(0, await second.WaitForExitAsync(RaceTimeout));
        var conflicts = Bodies(first, "conflicts ").Concat(Bodies(second, "conflicts ")).Sum(n => int.Parse(
            n,
            CultureInfo.InvariantCulture));
        output.WriteLine($"conflicts: {conflicts}");
        Assert.Equal("100", (await table.GetAsync("c", "counter"))!["value"]);
        Assert.True(conflicts > 0, "The processes should have raced for the counter.");
    }

    [Fact]
    public async Task Replace_with_an_etag_read_before_another_process_wrote_fails()
    {
        var table = _database.CreateProvider().GetTable("counters");
        await table.InsertAsync(
            new TableEntity("c", "counter") { Properties = new Dictionary<string, string> { ["value"] = "0" } });
        var readBeforeTheOtherProcessWrote = (await table.GetAsync("c", "counter"))!;
        using var probe = ProbeProcess.Start("increment", _database.Path, "counters", "c", "counter", "1");
        await StartTogetherAsync(probe);
        Assert.Equal(0, await probe.WaitForExitAsync());

        var conflict = await Assert.ThrowsAsync<TableConflictException>(() => table.ReplaceAsync(
            readBeforeTheOtherProcessWrote with { Properties = new Dictionary<string, string> { ["value"] = "100" } },
            readBeforeTheOtherProcessWrote.ETag!));

        Assert.Equal(TableConflictReason.ETagMismatch, conflict.Reason);
        Assert.Equal("1", (await table.GetAsync("c", "counter"))!["value"]);
    }

    [Fact]
    public async Task Every_batch_committed_before_the_process_is_killed_survives_whole()
    {
        using var probe = ProbeProcess.Start("commit-batches", _database.Path, "ledger");
        await probe.WaitForLineAsync("committed 20");

        probe.Kill();
        await probe.WaitForExitAsync();

        var lastAcknowledged = Bodies(probe, "committed ")
            .Select(n => int.Parse(n, CultureInfo.InvariantCulture))
            .Max();
        var rowsPerBatch = await ReadRowCountsPerPartitionAsync(_database.CreateProvider().GetTable("ledger"));
        output.WriteLine($"acknowledged up to batch {lastAcknowledged}; found {rowsPerBatch.Count} batches");
        Assert.All(rowsPerBatch.Values, rows => Assert.Equal(10, rows));
        Assert.InRange(rowsPerBatch.Count, lastAcknowledged + 1, lastAcknowledged + 2);
        Assert.Equal(
            Enumerable.Range(0, rowsPerBatch.Count).Select(i => i.ToString("D6", CultureInfo.InvariantCulture)),
            rowsPerBatch.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_batch_acknowledged_to_concurrent_writers_before_the_process_is_killed_survives_whole()
    {
        using var probe = ProbeProcess.Start("commit-concurrent-batches", _database.Path, "ledger");
        await probe.WaitForLineAsync("committed 00-000020");

        probe.Kill();
        await probe.WaitForExitAsync();

        var acknowledged = Bodies(probe, "committed ");
        var rowsPerBatch = await ReadRowCountsPerPartitionAsync(_database.CreateProvider().GetTable("ledger"));
        output.WriteLine($"{acknowledged.Count} batches acknowledged; found {rowsPerBatch.Count}");
        Assert.All(rowsPerBatch.Values, rows => Assert.Equal(10, rows));
        Assert.All(acknowledged, partitionKey => Assert.Contains(partitionKey, rowsPerBatch.Keys));
    }

    private static async Task StartTogetherAsync(params ProbeProcess[] probes)
    {
        await Task.WhenAll(probes.Select(probe => probe.WaitForLineAsync("ready")));
        await Task.WhenAll(probes.Select(probe => probe.SendLineAsync("go")));
    }

    private static List<string> Bodies(ProbeProcess probe, string prefix) =>
        probe.Output.Where(line => line.StartsWith(prefix, StringComparison.Ordinal))
            .Select(line => line[prefix.Length..])
            .ToList();

    private static async Task<Dictionary<string, int>> ReadRowCountsPerPartitionAsync(ITable table)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await table.QueryAsync(new TableQuery { Top = 1000, ContinuationToken = token });
            foreach (var entity in page.Items)
            {
                counts[entity.PartitionKey] = counts.GetValueOrDefault(entity.PartitionKey) + 1;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return counts;
    }
}
