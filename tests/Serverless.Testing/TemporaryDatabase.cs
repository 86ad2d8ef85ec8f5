using Serverless.Storage.Queues;
using Serverless.Storage.Sqlite;

namespace Serverless.Testing;

/// <summary>
/// A SQLite file in the temp folder for one test, deleted (with its WAL and shared-memory files) on dispose; every
/// provider opened on it is disposed first.
/// </summary>
public sealed class TemporaryDatabase : IDisposable
{
    private readonly List<SqliteStorageProvider> _providers = [];

    /// <summary>Chooses a fresh file name; the first provider creates the file.</summary>
    public TemporaryDatabase()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "serverless-tests");
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, $"{Guid.NewGuid():N}.db");
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>A provider on this file; disposed with it.</summary>
    public SqliteStorageProvider CreateProvider(TimeProvider? time = null, QueueOptions? queueOptions = null)
    {
        var provider = new SqliteStorageProvider(
            new SqliteStorageOptions { DataSource = Path, Queues = queueOptions ?? new QueueOptions() },
            time);
        lock (_providers)
        {
            _providers.Add(provider);
        }

        return provider;
    }

    /// <inheritdoc />
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
