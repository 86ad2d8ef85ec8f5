using System.Globalization;
using Serverless.Storage.Sqlite;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Sqlite.ProcessProbe;

/// <summary>What a probe process does; each returns the process exit code.</summary>
internal static class Commands
{
    /// <summary>Receives and completes messages until the queue is empty, printing "got BODY" for each.</summary>
    public static async Task<int> DrainAsync(
        SqliteStorageProvider provider,
        string queueName,
        int batchSize,
        DateTimeOffset deadline)
    {
        var queue = provider.GetQueue(queueName);
        await queue.CreateIfNotExistsAsync();
        await WaitForStartAsync();
        while (DateTimeOffset.UtcNow < deadline)
        {
            var messages = await queue.ReceiveAsync(batchSize, TimeSpan.FromMinutes(5));
            if (messages.Count == 0)
            {
                // Messages the other process holds still count; the queue is drained when none is left at all.
                if (await queue.CountAsync() == 0)
                {
                    Console.WriteLine("done");
                    return 0;
                }

                await Task.Delay(5);
                continue;
            }

            foreach (var message in messages)
            {
                Console.WriteLine($"got {message.Body}");

                // Stands for the work a real consumer does between receive and complete. Without it each process
                // would hold the write lock almost all the time, and SQLite's lock is not fair: one process could
                // drain everything while the other waits.
                await Task.Delay(1);
                if (!await queue.CompleteAsync(message))
                {
                    Console.WriteLine($"stale {message.Body}");
                }
            }
        }

        Console.WriteLine("timeout");
        return 1;
    }

    /// <summary>
    /// Adds one to the "value" property of an entity <paramref name="count"/> times, each by read, increment and
    /// replace-if-ETag, retrying on conflict.
    /// </summary>
    public static async Task<int> IncrementAsync(
        SqliteStorageProvider provider,
        string tableName,
        string partitionKey,
        string rowKey,
        int count,
        DateTimeOffset deadline)
    {
        var table = provider.GetTable(tableName);
        await WaitForStartAsync();
        var conflicts = 0;
        for (var done = 0; done < count && DateTimeOffset.UtcNow < deadline;)
        {
            var entity = await table.GetAsync(partitionKey, rowKey)
                ?? throw new InvalidOperationException("The counter does not exist.");
            var value = int.Parse(entity["value"]!, CultureInfo.InvariantCulture);
            await Task.Delay(1); // The computation between read and write, during which the other process may write.
            var incremented = (value + 1).ToString(CultureInfo.InvariantCulture);
            var next = entity with { Properties = new Dictionary<string, string> { ["value"] = incremented } };
            try
            {
                await table.ReplaceAsync(next, entity.ETag!);
                done++;
            }
            catch (TableConflictException conflict) when (conflict.Reason == TableConflictReason.ETagMismatch)
            {
                conflicts++;
            }
        }

        Console.WriteLine($"conflicts {conflicts}");
        Console.WriteLine("done");
        return 0;
    }

    /// <summary>
    /// Commits batches of ten rows, one partition each, printing "committed N" after each commit, until killed.
    /// </summary>
    public static async Task<int> CommitBatchesAsync(
        SqliteStorageProvider provider,
        string tableName,
        DateTimeOffset deadline)
    {
        var table = provider.GetTable(tableName);
        await table.CreateIfNotExistsAsync();
        Console.WriteLine("ready");
        for (var batch = 0; DateTimeOffset.UtcNow < deadline; batch++)
        {
            var partitionKey = batch.ToString("D6", CultureInfo.InvariantCulture);
            var operations = Enumerable.Range(0, 10)
                .Select(row => TableOperation.Insert(new TableEntity(
                    partitionKey,
                    row.ToString("D2", CultureInfo.InvariantCulture))
                {
                    Properties = new Dictionary<string, string> { ["batch"] = partitionKey },
                }))
                .ToList();
            await table.ExecuteBatchAsync(operations);
            Console.WriteLine($"committed {batch}");
        }

        return 1;
    }

    /// <summary>
    /// Like <see cref="CommitBatchesAsync"/> with 16 concurrent writers (whose batches the provider commits in groups),
    /// each in partitions of its own; prints every acknowledged partition.
    /// </summary>
    public static async Task<int> CommitConcurrentBatchesAsync(
        SqliteStorageProvider provider,
        string tableName,
        DateTimeOffset deadline)
    {
        var table = provider.GetTable(tableName);
        await table.CreateIfNotExistsAsync();
        Console.WriteLine("ready");
        var output = new object();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            for (var batch = 0; DateTimeOffset.UtcNow < deadline; batch++)
            {
                var partitionKey = $"{writer:D2}-{batch:D6}";
                var operations = Enumerable.Range(0, 10)
                    .Select(row => TableOperation.Insert(new TableEntity(
                        partitionKey,
                        row.ToString("D2", CultureInfo.InvariantCulture))
                    {
                        Properties = new Dictionary<string, string> { ["batch"] = partitionKey },
                    }))
                    .ToList();
                await table.ExecuteBatchAsync(operations);
                lock (output)
                {
                    Console.WriteLine($"committed {partitionKey}");
                }
            }
        })));

        return 1;
    }

    private static async Task WaitForStartAsync()
    {
        Console.WriteLine("ready");
        _ = await Console.In.ReadLineAsync();
    }
}
