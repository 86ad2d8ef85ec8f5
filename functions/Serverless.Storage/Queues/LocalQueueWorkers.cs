using System.Collections.Concurrent;

namespace Serverless.Storage.Queues;

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

    /// <summary>A free handler slot of the pump running on <paramref name="queue"/> in this process, or <see langword="null"/>.</summary>
    public LocalDelivery? TryReserve(string queue) =>
        MayReceive() && _pumps.TryGetValue(queue, out var pump) ? pump.TryReserve() : null;

    internal void Register(QueuePump pump) => _pumps[pump.QueueName] = pump;

    internal void Unregister(QueuePump pump) => _pumps.TryRemove(new KeyValuePair<string, QueuePump>(pump.QueueName, pump));
}
