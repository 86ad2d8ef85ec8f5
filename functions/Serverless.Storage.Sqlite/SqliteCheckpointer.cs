using System.Diagnostics;
using System.Globalization;

namespace Serverless.Storage.Sqlite;

/// <summary>
/// Keeps the write-ahead log small under load, off the writer's path where it can. The writer does not checkpoint as it
/// commits (SQLite's automatic checkpoint would read the log, copy its pages and flush the database file on the
/// writer's thread, stalling every write queued behind it): past <see cref="PassiveThreshold"/> a background thread of
/// its own copies the log into the database (a PASSIVE checkpoint, which never blocks the writer or the readers). Only
/// a log that still grows past <see cref="Threshold"/> makes the writer run a RESTART checkpoint, which waits for the
/// readers of the log to finish so the next commit starts the log over (a steady stream of readers otherwise keeps
/// SQLite from ever restarting it), and <c>journal_size_limit</c> truncates the file when that happens.
/// </summary>
internal sealed class SqliteCheckpointer(string walPath, int busyMilliseconds, Func<SqliteSession> open) : IDisposable
{
    /// <summary>The log size past which the writer checkpoints and restarts it.</summary>
    public const long Threshold = 16L * 1024 * 1024;

    /// <summary>The log size past which the background thread copies the log into the database.</summary>
    public const long PassiveThreshold = 2L * 1024 * 1024;

    /// <summary>What a restarted log is truncated to.</summary>
    public const long SizeLimit = 4L * 1024 * 1024;

    private static readonly long CheckInterval = Stopwatch.Frequency / 20;

    private readonly SemaphoreSlim _due = new(0, 1);
    private readonly Lock _gate = new();
    private Thread? _background;
    private bool _disposed;
    private long _lastCheck;

    /// <summary>
    /// Looks at the log (no more than every 50 ms): past <see cref="Threshold"/> restarts it here, past
    /// <see cref="PassiveThreshold"/> wakes the background copy. Runs on the writer's thread, outside any transaction.
    /// </summary>
    public void AfterCommit(SqliteSession? session)
    {
        var now = Stopwatch.GetTimestamp();
        if (session is null || now - _lastCheck < CheckInterval)
        {
            return;
        }

        _lastCheck = now;
        var wal = new FileInfo(walPath);
        if (!wal.Exists || wal.Length < PassiveThreshold)
        {
            return;
        }

        if (wal.Length < Threshold)
        {
            WakeBackground();
            return;
        }

        try
        {
            // Briefly, with a short busy timeout: a long read or another process's writer only postpones it to a later
            // check.
            session.Command("PRAGMA busy_timeout = 250; PRAGMA wal_checkpoint(RESTART);").ExecuteNonQuery();
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // Only a maintenance step: the commits it follows are already durable.
        }
        finally
        {
            session.Command(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyMilliseconds};"))
                .ExecuteNonQuery();
        }
    }

    /// <summary>Stops the background thread.</summary>
    public void Dispose()
    {
        Thread? background;
        lock (_gate)
        {
            _disposed = true;
            background = _background;
            SignalDue();
        }

        background?.Join();
        _due.Dispose();
    }

    private void WakeBackground()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _background ??= StartBackground();
            SignalDue();
        }
    }

    // Under the gate. The thread takes the signal outside it, so the count only falls between the check and the
    // release; a signal still pending already covers this one.
    private void SignalDue()
    {
        if (_due.CurrentCount == 0)
        {
            _due.Release();
        }
    }

    private Thread StartBackground()
    {
        var thread = new Thread(CopyWhenDue) { IsBackground = true, Name = "SQLite checkpoint" };
        thread.Start();
        return thread;
    }

    private void CopyWhenDue()
    {
        SqliteSession? session = null;
        try
        {
            while (true)
            {
                _due.Wait();
                lock (_gate)
                {
                    if (_disposed)
                    {
                        return;
                    }
                }

                try
                {
                    session ??= open();
                    session.Command("PRAGMA wal_checkpoint(PASSIVE);").ExecuteNonQuery();
                }
                catch (Microsoft.Data.Sqlite.SqliteException)
                {
                    // Only a maintenance step; the next wake-up (or the writer's restart) tries again.
                    session?.Dispose();
                    session = null;
                }
            }
        }
        finally
        {
            session?.Dispose();
        }
    }
}
