using Microsoft.Data.Sqlite;
using Serverless.Storage.Diagnostics;
using Serverless.Storage.Queues;
using Serverless.Storage.Workers;

namespace Serverless.Storage.Sqlite;

public sealed partial class SqliteStorageProvider : IQueueAdministration, IHeldMessages
{
    // Held: hidden by a receive (a receipt is out) and not yet timed out. An abandon or a release clears the receipt.
    private const string HeldNow = "holder IS NOT NULL AND pop_receipt IS NOT NULL AND visible_at > $now";

    /// <inheritdoc />
    public Task<IReadOnlyList<PeekedMessage>> PeekAsync(
        string queueName,
        int maxMessages,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, IQueueAdministration.MaxPeek);
        StorageNames.ValidateQueue(queueName);
        return _database.ReadAsync<IReadOnlyList<PeekedMessage>>(
            StorageOperationKinds.QueuePeek,
            session =>
            {
                var command = Command(session, """
                    SELECT id, body, dequeue_count, inserted_at FROM messages
                    WHERE queue = $queue AND visible_at <= $now ORDER BY visible_at, seq LIMIT $max;
                    """);
                command.Parameters.AddWithValue("$queue", queueName);
                command.Parameters.AddWithValue("$max", maxMessages);
                using var reader = command.ExecuteReader();
                var messages = new List<PeekedMessage>();
                while (reader.Read())
                {
                    messages.Add(new PeekedMessage(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetInt32(2),
                        new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero)));
                }

                return messages;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<QueueDepth> GetDepthAsync(string queueName, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateQueue(queueName);
        return _database.ReadAsync(
            StorageOperationKinds.QueueMetadata,
            session =>
            {
                var command = Command(session, """
                    SELECT COALESCE(SUM(visible_at <= $now), 0), COALESCE(SUM(visible_at > $now), 0),
                    MIN(CASE WHEN visible_at <= $now THEN visible_at END)
                    FROM messages WHERE queue = $queue;
                    """);
                command.Parameters.AddWithValue("$queue", queueName);
                using var reader = command.ExecuteReader();
                reader.Read();
                return new QueueDepth(
                    (int)reader.GetInt64(0),
                    (int)reader.GetInt64(1),
                    reader.IsDBNull(2) ? null : new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
                    IsApproximate: false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One UPDATE: the row changes queue (same id and body, sent now, a fresh dequeue count), so it is never in both.
    /// </remarks>
    public Task<bool> MoveAsync(
        string queueName,
        string messageId,
        string targetQueueName,
        CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateQueue(queueName);
        StorageNames.ValidateQueue(targetQueueName);
        return WriteOneAsync(
            StorageOperationKinds.Other,
            """
            UPDATE messages SET queue = $target,
            inserted_at = $now,
            visible_at = $now,
            dequeue_count = 0,
            pop_receipt = NULL,
            holder = NULL
            WHERE queue = $queue AND id = $id AND visible_at <= $now;
            """,
            command =>
            {
                command.Parameters.AddWithValue("$queue", queueName);
                command.Parameters.AddWithValue("$id", messageId);
                command.Parameters.AddWithValue("$target", targetQueueName);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string queueName, string messageId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateQueue(queueName);
        return WriteOneAsync(
            StorageOperationKinds.QueueDelete,
            "DELETE FROM messages WHERE queue = $queue AND id = $id AND visible_at <= $now;",
            command =>
            {
                command.Parameters.AddWithValue("$queue", queueName);
                command.Parameters.AddWithValue("$id", messageId);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlySet<string>> ListHoldersAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlySet<string>>(
            StorageOperationKinds.Other,
            session =>
            {
                using var reader = Command(session, $"SELECT DISTINCT holder FROM messages WHERE {HeldNow};")
                    .ExecuteReader();
                var holders = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read())
                {
                    holders.Add(reader.GetString(0));
                }

                return holders;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<int> CountHeldAsync(string workerId, CancellationToken cancellationToken = default) =>
        _database.ReadAsync(
            StorageOperationKinds.Other,
            session =>
            {
                var command = Command(session, $"SELECT COUNT(*) FROM messages WHERE {HeldNow} AND holder = $worker;");
                command.Parameters.AddWithValue("$worker", workerId);
                return (int)(long)command.ExecuteScalar()!;
            },
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// One UPDATE over every queue; clearing the receipt is what makes the holder's own receipt stale.
    /// </remarks>
    public Task<int> ReleaseAsync(string workerId, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(
            StorageOperationKinds.QueueUpdate,
            session =>
            {
                var command = Command(
                    session,
                    $"UPDATE messages SET visible_at = $now, pop_receipt = NULL, holder = NULL WHERE {HeldNow} AND " +
                        $"holder = $worker;");
                command.Parameters.AddWithValue("$worker", workerId);
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    private Task<bool> WriteOneAsync(
        string operation,
        string sql,
        Action<SqliteCommand> bind,
        CancellationToken cancellationToken) =>
        _database.WriteAsync(
            operation,
            session =>
            {
                var command = Command(session, sql);
                bind(command);
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken);

    /// <summary>The session's cached command for <paramref name="sql"/>, with <c>$now</c> bound.</summary>
    private SqliteCommand Command(SqliteSession session, string sql)
    {
        var command = session.Command(sql);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().UtcTicks);
        return command;
    }
}
