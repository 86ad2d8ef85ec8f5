using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Serverless.Storage.Sqlite;

/// <summary>
/// The one writing connection of a provider, committing in groups: every write that arrives while a transaction commits
/// waits for the next one, and the next transaction applies them all, each inside a savepoint of its own. One caller's
/// failure (a failed precondition, an error) rolls back only its savepoint and fails only that caller; the others still
/// commit. Each caller gets its outcome only once the transaction holding its write has committed, so an acknowledged
/// write is exactly as durable as it was with a transaction of its own, and a crash before the commit loses the whole
/// group, none of which was acknowledged.
/// </summary>
/// <remarks>
/// Writers of one process no longer compete for SQLite's write lock (whose waits are sleeps of up to 100 ms), and a
/// commit, its locks and its WAL frames are shared by the whole group. Other processes on the file still take turns
/// with this one through <c>BEGIN IMMEDIATE</c> and the busy timeout.
/// </remarks>
internal sealed class SqliteWriter : IDisposable
{
    // A bound on one transaction's size, so one group cannot hold the write lock for long.
    private const int MaxGroup = 256;

    private readonly Channel<Request> _requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions
    {
        SingleReader = true,
    });
    private readonly Func<SqliteSession> _open;
    private readonly SqliteCheckpointer _checkpointer;
    private readonly Thread _thread;
    private SqliteSession? _session;

    public SqliteWriter(Func<SqliteSession> open, SqliteCheckpointer checkpointer)
    {
        _open = open;
        _checkpointer = checkpointer;
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite writer" };
        _thread.Start();
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the next group transaction (its commands must use
    /// <see cref="SqliteSession.Command"/>) and completes once that transaction committed. Throwing from
    /// <paramref name="work"/> undoes its own writes only.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var request = new Request<T>(work, cancellationToken);
        ObjectDisposedException.ThrowIf(!_requests.Writer.TryWrite(request), this);

        return request.Task;
    }

    /// <summary>Lets the queued writes commit, then closes the connection.</summary>
    public void Dispose()
    {
        _requests.Writer.TryComplete();
        _thread.Join();
        _session?.Dispose();
    }

    private void Run()
    {
        var group = new List<Request>(MaxGroup);
        while (_requests.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (group.Count < MaxGroup && _requests.Reader.TryRead(out var request))
            {
                if (request.CancellationToken.IsCancellationRequested)
                {
                    request.Cancel();
                }
                else
                {
                    group.Add(request);
                }
            }

            if (group.Count > 0)
            {
                Commit(group);
                group.Clear();
            }
        }
    }

    private void Commit(List<Request> group)
    {
        SqliteTransaction? transaction = null;
        try
        {
            var session = _session ??= _open();

            // IMMEDIATE takes the write lock before the first read, so no other process writes between a write's
            // precondition check and the write itself.
            transaction = session.Connection.BeginTransaction(deferred: false);
            session.Transaction = transaction;
            if (group.Count == 1)
            {
                // Alone: no savepoint needed, its failure rolls back the transaction, which holds nothing else.
                group[0].Execute(session);
            }
            else
            {
                // The savepoint statements through the session's cache: compiled once, not on every request.
                foreach (var request in group)
                {
                    session.Command("SAVEPOINT w;").ExecuteNonQuery();
                    if (!request.Execute(session))
                    {
                        session.Command("ROLLBACK TO w;").ExecuteNonQuery();
                    }

                    session.Command("RELEASE w;").ExecuteNonQuery();
                }
            }

            if (group.Exists(r => r.Succeeded))
            {
                transaction.Commit();
            }
            else
            {
                transaction.Rollback();
            }

            session.Transaction = null;
            transaction.Dispose();
            transaction = null;
            foreach (var request in group)
            {
                request.Complete();
            }
        }
        catch (Exception exception)
        {
            // The transaction itself failed (begin, savepoint or commit: the lock timed out, the disk is full): nothing
            // of the group is committed, so every caller fails.
            Abandon(transaction);
            var failure = exception is SqliteException sqlite ? SqliteErrors.ToStorageException(sqlite) : exception;
            foreach (var request in group)
            {
                request.Fail(failure);
            }

            return;
        }

        _checkpointer.AfterCommit(_session);
    }

    private void Abandon(SqliteTransaction? transaction)
    {
        try
        {
            transaction?.Dispose();
        }
        catch (SqliteException)
        {
            // Already rolled back by SQLite itself.
        }

        if (_session is not null)
        {
            _session.Transaction = null;
            if (_session.Connection.State != System.Data.ConnectionState.Open)
            {
                _session.Dispose();
                _session = null;
            }
        }
    }

    /// <summary>One caller's write: its work, then, once the group is settled, its outcome.</summary>
    private abstract class Request(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public bool Succeeded { get; protected set; }

        /// <summary>Runs the work; false when it threw (its outcome is then that exception).</summary>
        public abstract bool Execute(SqliteSession session);

        /// <summary>Hands the caller its outcome (after the commit).</summary>
        public abstract void Complete();

        public abstract void Fail(Exception exception);

        public abstract void Cancel();
    }

    private sealed class Request<T>(Func<SqliteSession, T> work, CancellationToken cancellationToken)
        : Request(cancellationToken)
    {
        // Continuations run on the pool, not on the writer's thread.
        private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _outcome.Task;

        public override bool Execute(SqliteSession session)
        {
            try
            {
                _result = work(session);
                Succeeded = true;
                return true;
            }
            catch (SqliteException exception)
            {
                _error = SqliteErrors.ToStorageException(exception);
                return false;
            }
            catch (Exception exception)
            {
                _error = exception;
                return false;
            }
        }

        public override void Complete()
        {
            if (Succeeded)
            {
                _outcome.TrySetResult(_result!);
            }
            else
            {
                _outcome.TrySetException(_error!);
            }
        }

        public override void Fail(Exception exception)
        {
            Succeeded = false;
            _outcome.TrySetException(exception);
        }

        public override void Cancel() => _outcome.TrySetCanceled(CancellationToken);
    }
}
