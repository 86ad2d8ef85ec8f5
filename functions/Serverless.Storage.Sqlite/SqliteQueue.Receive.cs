using Microsoft.Data.Sqlite;
using Serverless.Storage.Queues;

namespace Serverless.Storage.Sqlite;

internal sealed partial class SqliteQueue
{
    public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var now = time.GetUtcNow();
        var hiddenUntil = (now + visibilityTimeout).UtcTicks;
        return database.ExecuteAsync<IReadOnlyList<QueueMessage>>(
            async connection =>
            {
                // Idle pollers check without the write lock (WAL readers never wait), so they do not queue up behind
                // writers; a message that turns visible just after this check is simply picked up by the next poll.
                if (!await AnyVisibleAsync(connection, now.UtcTicks, cancellationToken).ConfigureAwait(false))
                {
                    return [];
                }

                // IMMEDIATE: the write lock is taken before the select, so the messages picked here cannot be picked
                // by any other connection or process before they are hidden.
                using var transaction = connection.BeginTransaction(deferred: false);
                var (deliveries, poisoned) = await PickVisibleAsync(connection, transaction, now.UtcTicks, maxMessages, cancellationToken).ConfigureAwait(false);
                await MoveToPoisonQueueAsync(connection, transaction, poisoned, now.UtcTicks, cancellationToken).ConfigureAwait(false);

                var received = new List<QueueMessage>(deliveries.Count);
                using var hide = connection.CreateCommand();
                hide.Transaction = transaction;
                hide.CommandText = "UPDATE messages SET dequeue_count = $dequeueCount, pop_receipt = $popReceipt, visible_at = $hiddenUntil, holder = $holder WHERE seq = $seq;";
                var seq = hide.Parameters.Add("$seq", SqliteType.Integer);
                var dequeueCount = hide.Parameters.Add("$dequeueCount", SqliteType.Integer);
                var popReceipt = hide.Parameters.Add("$popReceipt", SqliteType.Text);
                hide.Parameters.AddWithValue("$hiddenUntil", hiddenUntil);
                hide.Parameters.AddWithValue("$holder", (object?)options.WorkerId ?? DBNull.Value);
                foreach (var delivery in deliveries)
                {
                    var message = new QueueMessage(delivery.Id, Guid.NewGuid().ToString("N"), delivery.Body, delivery.DequeueCount + 1, delivery.InsertedAt);
                    seq.Value = delivery.Seq;
                    dequeueCount.Value = message.DequeueCount;
                    popReceipt.Value = message.PopReceipt;
                    await hide.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    received.Add(message);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return received;
            },
            cancellationToken);
    }

    private async Task<bool> AnyVisibleAsync(SqliteConnection connection, long now, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM messages WHERE queue = $queue AND visible_at <= $now);";
        command.Parameters.AddWithValue("$queue", Name);
        command.Parameters.AddWithValue("$now", now);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
    }

    private async Task<(List<StoredMessage> Deliveries, List<long> Poisoned)> PickVisibleAsync(
        SqliteConnection connection, SqliteTransaction transaction, long now, int maxMessages, CancellationToken cancellationToken)
    {
        // Oldest visible first. A message already delivered MaxDequeueCount times is set aside for the poison queue
        // and does not count towards maxMessages; the cursor stops as soon as enough deliverable ones are found.
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = """
            SELECT seq, id, body, inserted_at, dequeue_count FROM messages
            WHERE queue = $queue AND visible_at <= $now
            ORDER BY visible_at, seq;
            """;
        select.Parameters.AddWithValue("$queue", Name);
        select.Parameters.AddWithValue("$now", now);
        var deliveries = new List<StoredMessage>();
        var poisoned = new List<long>();
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (deliveries.Count < maxMessages && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var message = new StoredMessage(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero), reader.GetInt32(4));
            if (message.DequeueCount >= options.MaxDequeueCount)
            {
                poisoned.Add(message.Seq);
            }
            else
            {
                deliveries.Add(message);
            }
        }

        return (deliveries, poisoned);
    }

    private async Task MoveToPoisonQueueAsync(SqliteConnection connection, SqliteTransaction transaction, List<long> poisoned, long now, CancellationToken cancellationToken)
    {
        if (poisoned.Count == 0)
        {
            return;
        }

        // The same row changes queue: same id, body and insertion time, visible at once, a fresh dequeue count.
        using var move = connection.CreateCommand();
        move.Transaction = transaction;
        move.CommandText = "UPDATE messages SET queue = $poisonQueue, visible_at = $now, dequeue_count = 0, pop_receipt = NULL WHERE seq = $seq;";
        move.Parameters.AddWithValue("$poisonQueue", _poisonQueue);
        move.Parameters.AddWithValue("$now", now);
        var seq = move.Parameters.Add("$seq", SqliteType.Integer);
        foreach (var poisonedSeq in poisoned)
        {
            seq.Value = poisonedSeq;
            await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record StoredMessage(long Seq, string Id, string Body, DateTimeOffset InsertedAt, int DequeueCount);
}
