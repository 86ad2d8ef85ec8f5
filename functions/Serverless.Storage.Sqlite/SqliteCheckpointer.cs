using System.Diagnostics;
using System.Globalization;

namespace Serverless.Storage.Sqlite;

/// <summary>
/// Keeps the write-ahead log small under load. SQLite's automatic checkpoint copies the log into the database after
/// commits, but it can only start the log over when no reader is using it, which a steady stream of readers prevents: the
/// log then grows without bound. Past <see cref="Threshold"/> the writer runs a RESTART checkpoint, which waits for
/// the readers of the log to finish so the next commit starts the log over, and <c>journal_size_limit</c> truncates the
/// file when that happens.
/// </summary>
internal sealed class SqliteCheckpointer(string walPath, int busyMilliseconds)
{
    /// <summary>The log size past which the writer checkpoints and restarts it.</summary>
    public const long Threshold = 16L * 1024 * 1024;

    /// <summary>What a restarted log is truncated to.</summary>
    public const long SizeLimit = 4L * 1024 * 1024;

    private static readonly long CheckInterval = Stopwatch.Frequency / 20;

    private long _lastCheck;

    /// <summary>Checkpoints when the log passed the threshold (looked at no more than every 50 ms). Runs on the writer's thread, outside any transaction.</summary>
    public void AfterCommit(SqliteSession? session)
    {
        var now = Stopwatch.GetTimestamp();
        if (session is null || now - _lastCheck < CheckInterval)
        {
            return;
        }

        _lastCheck = now;
        var wal = new FileInfo(walPath);
        if (!wal.Exists || wal.Length < Threshold)
        {
            return;
        }

        try
        {
            // Returns (busy, frames in the log, frames checkpointed); busy means readers outlasted the busy timeout, and the
            // next check tries again.
            // Briefly, with a short busy timeout: a long read or another process's writer only postpones it.
            session.Command("PRAGMA busy_timeout = 250; PRAGMA wal_checkpoint(RESTART);").ExecuteNonQuery();
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // Only a maintenance step: the commits it follows are already durable.
        }
        finally
        {
            session.Command(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyMilliseconds};")).ExecuteNonQuery();
        }
    }
}
