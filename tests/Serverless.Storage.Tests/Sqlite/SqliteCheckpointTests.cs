using Serverless.Storage.Tables;
using Xunit;

namespace Serverless.Storage.Tests.Sqlite;

/// <summary>
/// The write-ahead log stays small under a steady load of writes and reads: it is copied back and started over.
/// </summary>
public sealed class SqliteCheckpointTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_log_stays_far_below_what_was_written_while_readers_keep_reading()
    {
        var provider = _database.CreateProvider();
        var table = provider.GetTable("big");
        var value = new string('x', 16 * 1024);
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await table.GetAsync("p", "r-1");
            }
        })).ToList();
        long largestLog = 0;

        // Over 100 MiB of log without checkpoints: 8 writers at a time, rewriting 400 rows over and over.
        for (var round = 0; round < 1500; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(i => table.ExecuteBatchAsync(
                [TableOperation.Upsert(
                    new TableEntity("p", $"r-{((round * 8) + i) % 400}")
                    {
                        Properties = new Dictionary<string,
                        string> { ["v"] = value },
                    })])));
            largestLog = Math.Max(largestLog, LogSize());
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.InRange(largestLog, 0, 32L * 1024 * 1024);
    }

    private long LogSize()
    {
        var log = new FileInfo(_database.Path + "-wal");
        return log.Exists ? log.Length : 0;
    }
}
