using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Serverless.Storage.Diagnostics;

namespace Serverless.Storage.Sqlite;

/// <summary>
/// One database file as a provider sees it: reading connections and one writing connection (<see cref="SqliteWriter"/>,
/// which commits concurrent writes in groups) that each get this provider's pragmas, a schema created once, and
/// SQLite's errors reported as <see cref="StorageException"/>.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    // Readers left open between reads; more run at once when needed and close after.
    private const int MaxIdleReaders = 16;

    private readonly string _sessionConnectionString;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly ConcurrentQueue<SqliteSession> _readers = new();
    private readonly Lazy<SqliteWriter> _writer;
    private readonly SqliteCheckpointer _checkpointer;
    private readonly StorageRequestCounter? _requests;
    private volatile bool _schemaReady;
    private volatile bool _disposed;

    public SqliteDatabase(
        string dataSource,
        TimeSpan busyTimeout,
        bool flushEveryCommit,
        StorageRequestCounter? requests = null)
    {
        _requests = requests;
        var busyMilliseconds = (int)Math.Clamp(busyTimeout.TotalMilliseconds, 0, int.MaxValue);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = dataSource,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Microsoft.Data.Sqlite's own retry on SQLITE_BUSY (150 ms steps) only backs up busy_timeout, which
            // SQLite itself honours with finer steps; both give up after about the same time (0 would mean never).
            DefaultTimeout = (int)Math.Clamp(Math.Ceiling(busyTimeout.TotalSeconds), 1, int.MaxValue),
        }.ToString();

        // Per-connection settings (not stored in the file), so every opened connection gets them again; a pooled
        // connection keeps them, and re-running them costs microseconds.
        // synchronous: in WAL mode NORMAL survives a killed process (the WAL is in the OS cache); FULL also fsyncs the
        // WAL on every commit, so a commit survives a power loss too, at one fsync per write transaction.
        _connectionPragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA synchronous = " +
                $"{(flushEveryCommit ? "FULL" : "NORMAL")}; PRAGMA journal_size_limit = " +
                $"{SqliteCheckpointer.SizeLimit};");

        // The sessions stay open for the provider's life, so the library's pool has nothing to add.
        _sessionConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        _checkpointer = new SqliteCheckpointer(dataSource + "-wal", busyMilliseconds, Open);
        _writer = new Lazy<SqliteWriter>(() => new SqliteWriter(OpenWriter, _checkpointer));
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a reading connection of this provider's own (kept open, its statements compiled
    /// once), creating the schema first if this provider has not yet. In WAL mode a read never waits for writers.
    /// Counted as one <paramref name="operation"/> request.
    /// </summary>
    public async Task<T> ReadAsync<T>(
        string operation,
        Func<SqliteSession, T> work,
        CancellationToken cancellationToken)
    {
        _requests?.Count(operation);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        SqliteSession? session = null;
        try
        {
            session = _readers.TryDequeue(out var idle) ? idle : Open();
            var result = work(session);
            Return(session);
            session = null;
            return result;
        }
        catch (SqliteException exception)
        {
            throw SqliteErrors.ToStorageException(exception);
        }
        finally
        {
            session?.Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the writer's next group transaction (see <see cref="SqliteWriter"/>) and returns
    /// once it committed, creating the schema first if this provider has not yet. Counted as one
    /// <paramref name="operation"/> request: group commit joins transactions, but each is still one the port ran.
    /// </summary>
    public async Task<T> WriteAsync<T>(
        string operation,
        Func<SqliteSession, T> work,
        CancellationToken cancellationToken)
    {
        _requests?.Count(operation);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await _writer.Value.WriteAsync(work, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the schema unless this provider already did. Cheap after the first call.</summary>
    public async ValueTask EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException exception)
        {
            throw new StorageException($"SQLite error {exception.SqliteErrorCode}: {exception.Message}", exception);
        }
    }

    /// <summary>Lets queued writes commit, then closes the connections to the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_writer.IsValueCreated)
        {
            _writer.Value.Dispose();
        }

        _checkpointer.Dispose();
        while (_readers.TryDequeue(out var session))
        {
            session.Dispose();
        }

        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        _schemaGate.Dispose();
    }

    private void Return(SqliteSession session)
    {
        if (!_disposed && _readers.Count < MaxIdleReaders)
        {
            _readers.Enqueue(session);
            return;
        }

        session.Dispose();
    }

    /// <summary>
    /// The writer's connection: it never checkpoints as it commits (the checkpointer does, off its path).
    /// </summary>
    private SqliteSession OpenWriter() => Open("PRAGMA wal_autocheckpoint = 0;");

    /// <summary>A connection of this provider's own, with its pragmas applied once.</summary>
    private SqliteSession Open() => Open(string.Empty);

    private SqliteSession Open(string extraPragmas)
    {
        var connection = new SqliteConnection(_sessionConnectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = _connectionPragmas + extraPragmas;
            command.ExecuteNonQuery();
            return new SqliteSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = _connectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await EnableWriteAheadLogAsync(connection, cancellationToken).ConfigureAwait(false);

            // IMMEDIATE: processes starting together on a new file create the schema one after the other.
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "PRAGMA user_version;";
            var version = Convert.ToInt32(
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
                CultureInfo.InvariantCulture);
            if (version > SchemaVersion)
            {
                throw new StorageException($"The database's schema version {version} is newer than this library's " +
                    $"({SchemaVersion}).");
            }

            if (version < SchemaVersion)
            {
                command.CommandText = SqliteSchema.Create + string.Create(
                    CultureInfo.InvariantCulture,
                    $"PRAGMA user_version = {SchemaVersion};");
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await SqliteMigrations.ApplyAsync(command, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private static async Task EnableWriteAheadLogAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // Persistent in the file: readers never block the writer, and one writer commits by appending to the WAL.
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageException($"The database could not be switched to WAL mode (it is in '{mode}' mode).");
        }
    }
}
