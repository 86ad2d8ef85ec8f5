using System.Collections.Concurrent;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Sqlite;

/// <summary>
/// A storage account in one SQLite file (WAL mode), safe for several processes at once: every write that checks
/// before it changes (a batch, a receive) runs in a <c>BEGIN IMMEDIATE</c> transaction, so it holds the file's write
/// lock from its first read. Time for visibility and delays comes from the given <see cref="TimeProvider"/>.
/// Dispose it to close its pooled connections.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time and its lock is not fair: a process that writes in a tight loop can keep another
/// waiting (up to <see cref="SqliteStorageOptions.BusyTimeout"/>). Consumers that do work between receive and
/// complete leave the lock free most of the time, and processes then share messages evenly.
/// </remarks>
public sealed partial class SqliteStorageProvider : IStorageProvider, ITransactionalStorage, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly QueueOptions _queueOptions;
    private readonly ConcurrentDictionary<string, SqliteTable> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SqliteQueue> _queues = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates a provider on <see cref="SqliteStorageOptions.DataSource"/>; the file and schema are created on first
    /// use.
    /// </summary>
    public SqliteStorageProvider(SqliteStorageOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.DataSource) || options.DataSource.Trim() == ":memory:")
        {
            throw new ArgumentException("DataSource must be the path of a database file.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Queues.MaxDequeueCount, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.BusyTimeout.Ticks, nameof(options));
        _database = new SqliteDatabase(
            options.DataSource,
            options.BusyTimeout,
            options.FlushEveryCommit,
            options.RequestCounter);
        _time = timeProvider ?? TimeProvider.System;
        _queueOptions = new QueueOptions
        {
            MaxDequeueCount = options.Queues.MaxDequeueCount,
            WorkerId = options.Queues.WorkerId,
        };
    }

    /// <inheritdoc />
    public ITable GetTable(string name) =>
        _tables.GetOrAdd(
            StorageNames.ValidateTable(name),
            static (n, provider) => new SqliteTable(n, provider._database, provider._time),
            this);

    /// <inheritdoc />
    public IQueue GetQueue(string name) =>
        _queues.GetOrAdd(
            StorageNames.ValidateQueue(name),
            static (n, provider) => new SqliteQueue(n, provider._database, provider._time, provider._queueOptions),
            this);

    /// <inheritdoc />
    public Task<IReadOnlyList<string?>> ExecuteBatchAndSendAsync(
        string table,
        IReadOnlyList<TableOperation> operations,
        IReadOnlyList<QueueSend> messages,
        IReadOnlyList<QueueCompletion>? completions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var target = (SqliteTable)GetTable(table);
        var sends = messages.Select(m => (Queue: (SqliteQueue)GetQueue(m.Queue), Message: m)).ToList();
        var completes = (completions ?? [])
            .Select(c => (Queue: (SqliteQueue)GetQueue(c.Queue), Completion: c))
            .ToList();
        var now = _time.GetUtcNow();
        return target.ExecuteBatchAsync(
            operations,
            session =>
            {
                foreach (var (queue, message) in sends)
                {
                    if (message.Received is { } received)
                    {
                        queue.InsertReceived(session, received, now + message.HiddenFor);
                    }
                    else
                    {
                        queue.Insert(session, message.Body, now, message.Delay);
                    }
                }

                foreach (var (queue, completion) in completes)
                {
                    if (!queue.Delete(session, completion.Message))
                    {
                        completion.MarkStale();
                    }
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Closes the idle pooled connections to the file. Handles already given out must not be used afterwards.
    /// </summary>
    public void Dispose() => _database.Dispose();
}
