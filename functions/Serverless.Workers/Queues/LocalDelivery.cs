using Serverless.Storage.Queues;

namespace Serverless.Workers.Queues;

/// <summary>
/// A handler slot reserved by <see cref="LocalQueueWorkers.TryReserve"/>: either <see cref="Deliver"/> the message
/// written as received for it, or <see cref="Cancel"/> when the write failed. Exactly one of the two, once.
/// </summary>
public sealed class LocalDelivery
{
    private readonly Action<QueueMessage> _deliver;
    private readonly Action _cancel;
    private int _used;

    internal LocalDelivery(TimeSpan visibilityTimeout, Action<QueueMessage> deliver, Action cancel)
    {
        VisibilityTimeout = visibilityTimeout;
        _deliver = deliver;
        _cancel = cancel;
    }

    /// <summary>
    /// How long the pump's messages stay hidden once received: what a message written for this slot is hidden for.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; }

    /// <summary>
    /// Runs the handler on <paramref name="message"/> in the reserved slot, as if the pump had received it.
    /// </summary>
    public void Deliver(QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Interlocked.Exchange(ref _used, 1) == 0)
        {
            _deliver(message);
        }
    }

    /// <summary>Frees the slot unused.</summary>
    public void Cancel()
    {
        if (Interlocked.Exchange(ref _used, 1) == 0)
        {
            _cancel();
        }
    }
}
