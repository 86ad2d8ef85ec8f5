using Serverless.Storage.Sqlite;
using Serverless.Storage.Sqlite.ProcessProbe;

// Usage: <command> <database file> <arguments...>. Prints "ready", then waits for a line on standard input before
// racing (so that several probes start together), prints its results, and ends with "done".
if (args.Length < 2)
{
    await Console.Error.WriteLineAsync("usage: drain|increment|commit-batches|commit-concurrent-batches <database> " +
        "...");
    return 2;
}

using var provider = new SqliteStorageProvider(new SqliteStorageOptions { DataSource = args[1] });
var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
return args[0] switch
{
    "drain" =>
        await Commands.DrainAsync(
            provider,
            args[2],
            int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture),
            deadline),
    "increment" =>
        await Commands.IncrementAsync(
            provider,
            args[2],
            args[3],
            args[4],
            int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture),
            deadline),
    "commit-batches" => await Commands.CommitBatchesAsync(provider, args[2], deadline),
    "commit-concurrent-batches" => await Commands.CommitConcurrentBatchesAsync(provider, args[2], deadline),
    _ => 2,
};
