using Serverless.Storage.Queues;
using Serverless.Storage.Sqlite;

namespace Serverless.Workers.Tests.Support;

/// <summary>
/// A SQLite file in the temp folder for one test, deleted (with its WAL and shared-memory files) on dispose.
/// </summary>
internal sealed class TemporaryDatabase : IDisposable
{
    private readonly List<SqliteStorageProvider> _providers = [];

    public TemporaryDatabase()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "serverless-workers-tests");
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, $"{Guid.NewGuid():N}.db");
    }

    public string Path { get; }

    /// <summary>A provider on this file; disposed with it.</summary>
    public SqliteStorageProvider CreateProvider(TimeProvider? time = null, QueueOptions? queueOptions = null)
    {
        var provider = new SqliteStorageProvider(
            new SqliteStorageOptions { DataSource = Path,
            Queues = queueOptions ?? new QueueOptions() },
            time);
        lock (_providers)
        {
            _providers.Add(provider);
        }

        return provider;
    }

    public void Dispose()
    {
        lock (_providers)
        {
            foreach (var provider in _providers)
            {
                provider.Dispose();
            }
        }

        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(Path + suffix);
        }
    }
}
