using Serverless.Storage.Diagnostics;
using Serverless.Storage.Queues;

namespace Serverless.Storage.Sqlite;

/// <summary>A queue stored as the rows of the shared <c>messages</c> table whose <c>queue</c> is its name.</summary>
internal sealed partial class SqliteQueue(string name, SqliteDatabase database, TimeProvider time, QueueOptions options)
    : IQueue
{
    private const string CompleteSql = "DELETE FROM messages WHERE queue = $queue AND id = $id AND pop_receipt = " +
        "$popReceipt;";
    private readonly string _poisonQueue = StorageNames.PoisonQueueFor(name);

    public string Name { get; } = name;

    public ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        database.EnsureCreatedAsync(cancellationToken);

    public Task<string> SendAsync(string body, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var now = time.GetUtcNow();
        return database.WriteAsync(
            StorageOperationKinds.QueueSend,
            session => Insert(session, body, now, delay),
            cancellationToken);
    }

    /// <summary>
    /// Writes a new message in the writer's transaction (a send on its own, or with a table batch); returns its id.
    /// </summary>
    internal string Insert(SqliteSession session, string body, DateTimeOffset now, TimeSpan? delay)
    {
        // Time-ordered: new messages land together at the end of the id index instead of on random pages.
        var id = Guid.CreateVersion7().ToString("N");
        Insert(session, id, body, now, now + (delay ?? TimeSpan.Zero), dequeueCount: 0, popReceipt: null, holder: null);
        return id;
    }

    /// <summary>
    /// Writes <paramref name="received"/> as already delivered to this provider's worker, hidden until
    /// <paramref name="hiddenUntil"/>.
    /// </summary>
    internal void InsertReceived(SqliteSession session, QueueMessage received, DateTimeOffset hiddenUntil) =>
        Insert(
            session,
            received.MessageId,
            received.Body,
            received.InsertedAt,
            hiddenUntil,
            received.DequeueCount,
            received.PopReceipt,
            options.WorkerId);

    private void Insert(
        SqliteSession session,
        string id,
        string body,
        DateTimeOffset insertedAt,
        DateTimeOffset visibleAt,
        int dequeueCount,
        string? popReceipt,
        string? holder)
    {
        var command = session.Command("""
            INSERT INTO messages (queue, id, body, inserted_at, visible_at, dequeue_count, pop_receipt, holder)
            VALUES ($queue, $id, $body, $insertedAt, $visibleAt, $dequeueCount, $popReceipt, $holder);
            """);
        command.Parameters.AddWithValue("$queue", Name);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$body", body);
        command.Parameters.AddWithValue("$insertedAt", insertedAt.UtcTicks);
        command.Parameters.AddWithValue("$visibleAt", visibleAt.UtcTicks);
        command.Parameters.AddWithValue("$dequeueCount", dequeueCount);
        command.Parameters.AddWithValue("$popReceipt", (object?)popReceipt ?? DBNull.Value);
        command.Parameters.AddWithValue("$holder", (object?)holder ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    public Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return database.WriteAsync(
            StorageOperationKinds.QueueDelete,
            session => Delete(session, message),
            cancellationToken);
    }

    /// <summary>
    /// Deletes <paramref name="message"/> if its receipt is still current, in the writer's transaction; false when
    /// stale.
    /// </summary>
    internal bool Delete(SqliteSession session, QueueMessage message)
    {
        // One statement: the receipt check and the delete cannot be split.
        var command = session.Command(CompleteSql);
        command.Parameters.AddWithValue("$queue", Name);
        command.Parameters.AddWithValue("$id", message.MessageId);
        command.Parameters.AddWithValue("$popReceipt", message.PopReceipt);
        return command.ExecuteNonQuery() == 1;
    }

    public Task<bool> AbandonAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ExecuteForReceiptAsync(
            "UPDATE messages SET visible_at = $visibleAt, pop_receipt = NULL WHERE queue = $queue AND id = $id AND " +
                "pop_receipt = $popReceipt;",
            message,
            (time.GetUtcNow() + delay).UtcTicks,
            cancellationToken);
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            StorageOperationKinds.QueueMetadata,
            session =>
            {
                var command = session.Command("SELECT COUNT(*) FROM messages WHERE queue = $queue;");
                command.Parameters.AddWithValue("$queue", Name);
                return (int)(long)command.ExecuteScalar()!;
            },
            cancellationToken);

    private Task<bool> ExecuteForReceiptAsync(
        string sql,
        QueueMessage message,
        long? visibleAt,
        CancellationToken cancellationToken) =>
        database.WriteAsync(
            StorageOperationKinds.QueueUpdate,
            session =>
            {
                var command = session.Command(sql);
                command.Parameters.AddWithValue("$queue", Name);
                command.Parameters.AddWithValue("$id", message.MessageId);
                command.Parameters.AddWithValue("$popReceipt", message.PopReceipt);
                if (visibleAt is { } ticks)
                {
                    command.Parameters.AddWithValue("$visibleAt", ticks);
                }

                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken);
}
