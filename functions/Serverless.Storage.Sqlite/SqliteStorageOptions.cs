using Serverless.Storage.Diagnostics;
using Serverless.Storage.Queues;

namespace Serverless.Storage.Sqlite;

/// <summary>Settings of a <see cref="SqliteStorageProvider"/>.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>
    /// The path of the database file, created on first use. Several processes may share one file; it must be on a
    /// local file system (SQLite's WAL mode needs shared memory, which network file systems do not provide).
    /// </summary>
    public string DataSource { get; set; } = "";

    /// <summary>Settings every queue of the provider shares.</summary>
    public QueueOptions Queues { get; set; } = new();

    /// <summary>
    /// How long an operation waits for another connection or process to release the database's write lock before
    /// failing with a <see cref="StorageException"/>.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether every commit is flushed to disk (<c>synchronous=FULL</c>). Off by default: in WAL mode a commit already
    /// survives a killed process (it is in the OS cache), and skipping the fsync makes each write several times faster.
    /// Turn it on when commits must also survive a power loss or kernel crash.
    /// </summary>
    public bool FlushEveryCommit { get; set; }

    /// <summary>
    /// Where the provider counts its requests: one per read or write transaction it runs (a batch with its sends and
    /// completion in one transaction is one <c>table.batch</c>), by operation kind. None when null.
    /// </summary>
    public StorageRequestCounter? RequestCounter { get; set; }
}
