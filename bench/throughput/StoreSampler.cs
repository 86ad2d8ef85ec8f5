namespace Serverless.Bench.Throughput;

/// <summary>
/// Samples the SQLite database and WAL file sizes every <see cref="Interval"/> and keeps their peaks.
/// </summary>
internal sealed class StoreSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly string _database;
    private readonly string _wal;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    public StoreSampler(string database, string wal)
    {
        _database = database;
        _wal = wal;
        _loop = Task.Run(LoopAsync);
    }

    public long PeakDatabaseBytes { get; private set; }

    public long PeakWalBytes { get; private set; }

    public (long Database, long Wal) Sample()
    {
        var sizes = (Size(_database), Size(_wal));
        PeakDatabaseBytes = Math.Max(PeakDatabaseBytes, sizes.Item1);
        PeakWalBytes = Math.Max(PeakWalBytes, sizes.Item2);
        return sizes;
    }

    /// <summary>Stops sampling (idempotent); the peaks stay readable, and <see cref="Sample"/> still works.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            await Task.Delay(Interval, _stop.Token);
        }
    }

    private static long Size(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }
}
