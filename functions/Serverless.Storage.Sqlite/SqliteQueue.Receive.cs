using Serverless.Storage.Diagnostics;
using Serverless.Storage.Queues;

namespace Serverless.Storage.Sqlite;

internal sealed partial class SqliteQueue
{
    public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        int maxMessages,
        TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var now = time.GetUtcNow();
        var hiddenUntil = (now + visibilityTimeout).UtcTicks;
        return ReceiveAsync(now.UtcTicks, hiddenUntil, maxMessages, cancellationToken);
    }

    private async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        long now,
        long hiddenUntil,
        int maxMessages,
        CancellationToken cancellationToken)
    {
        // Idle pollers check without the write lock (WAL readers never wait), so they do not queue up behind
        // writers; a message that turns visible just after this check is simply picked up by the next poll.
        if (!await database.ReadAsync(
            StorageOperationKinds.QueueReceive,
            session => AnyVisible(session, now),
            cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        // In the writer's transaction, which holds the write lock from before the select, so the messages picked here
        // cannot be picked by any other connection or process before they are hidden.
        return await database.WriteAsync<IReadOnlyList<QueueMessage>>(
            StorageOperationKinds.QueueReceive,
            session =>
            {
                var (deliveries, poisoned) = PickVisible(session, now, maxMessages);
                MoveToPoisonQueue(session, poisoned, now);

                var received = new List<QueueMessage>(deliveries.Count);
                foreach (var delivery in deliveries)
                {
                    var message = new QueueMessage(
                        delivery.Id,
                        Guid.NewGuid().ToString("N"),
                        delivery.Body,
                        delivery.DequeueCount + 1,
                        delivery.InsertedAt);
                    var hide = session.Command("UPDATE messages SET dequeue_count = $dequeueCount, pop_receipt = " +
                        "$popReceipt, visible_at = $hiddenUntil, holder = $holder WHERE seq = $seq;");
                    hide.Parameters.AddWithValue("$seq", delivery.Seq);
                    hide.Parameters.AddWithValue("$dequeueCount", message.DequeueCount);
                    hide.Parameters.AddWithValue("$popReceipt", message.PopReceipt);
                    hide.Parameters.AddWithValue("$hiddenUntil", hiddenUntil);
                    hide.Parameters.AddWithValue("$holder", (object?)options.WorkerId ?? DBNull.Value);
                    hide.ExecuteNonQuery();
                    received.Add(message);
                }

                return received;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private bool AnyVisible(SqliteSession session, long now)
    {
        var command = session.Command("SELECT EXISTS (SELECT 1 FROM messages WHERE queue = $queue AND visible_at <= " +
            "$now);");
        command.Parameters.AddWithValue("$queue", Name);
        command.Parameters.AddWithValue("$now", now);
        return (long)command.ExecuteScalar()! == 1;
    }

    private (List<StoredMessage> Deliveries, List<long> Poisoned) PickVisible(
        SqliteSession session,
        long now,
        int maxMessages)
    {
        // Oldest visible first. A message already delivered MaxDequeueCount times is set aside for the poison queue
        // and does not count towards maxMessages; the cursor stops as soon as enough deliverable ones are found.
        var select = session.Command("""
            SELECT seq, id, body, inserted_at, dequeue_count FROM messages
            WHERE queue = $queue AND visible_at <= $now
            ORDER BY visible_at, seq;
            """);
        select.Parameters.AddWithValue("$queue", Name);
        select.Parameters.AddWithValue("$now", now);
        var deliveries = new List<StoredMessage>();
        var poisoned = new List<long>();
        using var reader = select.ExecuteReader();
        while (deliveries.Count < maxMessages && reader.Read())
        {
            var message = new StoredMessage(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                reader.GetInt32(4));
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

    private void MoveToPoisonQueue(SqliteSession session, List<long> poisoned, long now)
    {
        if (poisoned.Count == 0)
        {
            return;
        }

        // The same row changes queue: same id, body and insertion time, visible at once, a fresh dequeue count.
        foreach (var poisonedSeq in poisoned)
        {
            var move = session.Command("UPDATE messages SET queue = $poisonQueue, visible_at = $now, dequeue_count = " +
                "0, pop_receipt = NULL WHERE seq = $seq;");
            move.Parameters.AddWithValue("$poisonQueue", _poisonQueue);
            move.Parameters.AddWithValue("$now", now);
            move.Parameters.AddWithValue("$seq", poisonedSeq);
            move.ExecuteNonQuery();
        }
    }

    private sealed record StoredMessage(long Seq, string Id, string Body, DateTimeOffset InsertedAt, int DequeueCount);
}
