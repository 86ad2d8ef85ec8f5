using Microsoft.Data.Sqlite;
using Serverless.Storage.Queues;
using Serverless.Storage.Workers;

namespace Serverless.Storage.Sqlite;

public sealed partial class SqliteStorageProvider : IQueueAdministration, IHeldMessages
{
    // Held: hidden by a receive (a receipt is out) and not yet timed out. An abandon or a release clears the receipt.
    private const string HeldNow = "holder IS NOT NULL AND pop_receipt IS NOT NULL AND visible_at > $now";

    /// <inheritdoc />
    public Task<IReadOnlyList<PeekedMessage>> PeekAsync(string queueName, int maxMessages, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, IQueueAdministration.MaxPeek);
        StorageNames.ValidateQueue(queueName);
        return _database.ExecuteAsync<IReadOnlyList<PeekedMessage>>(
            async connection =>
            {
                using var command = Command(connection, """
                    SELECT id, body, dequeue_count, inserted_at FROM messages
                    WHERE queue = $queue AND visible_at <= $now ORDER BY visible_at, seq LIMIT $max;
                    """);
                command.Parameters.AddWithValue("$queue", queueName);
                command.Parameters.AddWithValue("$max", maxMessages);
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var messages = new List<PeekedMessage>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    messages.Add(new PeekedMessage(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero)));
                }

                return messages;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>One UPDATE: the row changes queue (same id and body, sent now, a fresh dequeue count), so it is never in both.</remarks>
    public Task<bool> MoveAsync(string queueName, string messageId, string targetQueueName, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateQueue(queueName);
        StorageNames.ValidateQueue(targetQueueName);
        return ExecuteAsync(
            """
            UPDATE messages SET queue = $target, inserted_at = $now, visible_at = $now, dequeue_count = 0, pop_receipt = NULL, holder = NULL
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
        return ExecuteAsync(
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
        _database.ExecuteAsync<IReadOnlySet<string>>(
            async connection =>
            {
                using var command = Command(connection, $"SELECT DISTINCT holder FROM messages WHERE {HeldNow};");
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var holders = new HashSet<string>(StringComparer.Ordinal);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    holders.Add(reader.GetString(0));
                }

                return holders;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<int> CountHeldAsync(string workerId, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync(
            async connection =>
            {
                using var command = Command(connection, $"SELECT COUNT(*) FROM messages WHERE {HeldNow} AND holder = $worker;");
                command.Parameters.AddWithValue("$worker", workerId);
                return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            },
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>One UPDATE over every queue; clearing the receipt is what makes the holder's own receipt stale.</remarks>
    public Task<int> ReleaseAsync(string workerId, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync(
            async connection =>
            {
                using var command = Command(connection, $"UPDATE messages SET visible_at = $now, pop_receipt = NULL, holder = NULL WHERE {HeldNow} AND holder = $worker;");
                command.Parameters.AddWithValue("$worker", workerId);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    private Task<bool> ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        _database.ExecuteAsync(
            async connection =>
            {
                using var command = Command(connection, sql);
                bind(command);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken);

    private SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().UtcTicks);
        return command;
    }
}
