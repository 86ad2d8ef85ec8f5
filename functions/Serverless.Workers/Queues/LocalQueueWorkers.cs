using System.Collections.Concurrent;
using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Workers.Queues;

/// <summary>
/// The queue pumps running in this process, by queue. A sender that writes a message as received by this process
/// (<see cref="QueueSend.ReceivedLocally"/>) first reserves a free handler slot here, then hands the message to it once
/// the write committed: the message is handled at once, with no poll and no receive, and is as durable as any sent
/// message, since it was written first.
/// </summary>
public sealed class LocalQueueWorkers
{
    private readonly ConcurrentDictionary<string, QueuePump> _pumps = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether this process may take messages now (its worker lease holds); when not, <see cref="TryReserve"/> finds no
    /// slot and messages go through the queue.
    /// </summary>
    public Func<bool> MayReceive { get; init; } = static () => true;

    /// <summary>
    /// The worker this process runs as under its lease, if any: what work it takes on in memory is recorded under it,
    /// so that whoever finds the worker dead can release that work (<see langword="null"/>: no lease).
    /// </summary>
    public string? WorkerId { get; init; }

    /// <summary>
    /// A free handler slot of the pump running on <paramref name="queue"/> in this process, or <see langword="null"/>.
    /// </summary>
    public LocalDelivery? TryReserve(string queue) =>
        MayReceive() && _pumps.TryGetValue(queue, out var pump) ? pump.TryReserve() : null;

    /// <summary>
    /// <see cref="ITransactionalStorage.ExecuteBatchAndSendAsync"/>, except that each message due now whose queue has a
    /// free slot here is written as received by this process (<see cref="QueueSend.ReceivedLocally"/>) and handed to
    /// that slot once the write committed. When the write fails, the slots are freed unused.
    /// </summary>
    /// <param name="storage">The transactional store to write to.</param>
    /// <param name="table">The table of <paramref name="operations"/>.</param>
    /// <param name="operations">The table batch.</param>
    /// <param name="messages">The messages to send with it.</param>
    /// <param name="completions">The received messages to complete with it.</param>
    /// <param name="now">The time to stamp handed-over messages as inserted at.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<IReadOnlyList<string?>> ExecuteBatchAndHandOverAsync(
        ITransactionalStorage storage,
        string table,
        IReadOnlyList<TableOperation> operations,
        IReadOnlyList<QueueSend> messages,
        IReadOnlyList<QueueCompletion>? completions,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(messages);
        var handOvers = new List<(LocalDelivery Slot, QueueMessage Message)>();
        var sends = new QueueSend[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            // Only a message due now: a delayed one waits in the queue, not in a slot.
            var send = messages[i];
            if (send.Delay is null && TryReserve(send.Queue) is { } slot)
            {
                send = QueueSend.ReceivedLocally(send.Queue, send.Body, slot.VisibilityTimeout, now);
                handOvers.Add((slot, send.Received!));
            }

            sends[i] = send;
        }

        IReadOnlyList<string?> etags;
        try
        {
            etags = await storage.ExecuteBatchAndSendAsync(table, operations, sends, completions, cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            foreach (var (slot, _) in handOvers)
            {
                slot.Cancel();
            }

            throw;
        }

        foreach (var (slot, message) in handOvers)
        {
            slot.Deliver(message);
        }

        return etags;
    }

    internal void Register(QueuePump pump) => _pumps[pump.QueueName] = pump;

    internal void Unregister(QueuePump pump) =>
        _pumps.TryRemove(new KeyValuePair<string, QueuePump>(pump.QueueName, pump));
}
