using Amazon.SQS.Model;
using Serverless.Storage.Queues;

namespace Serverless.Storage.Aws.Queues;

// Deliveries another receiver made: an SQS event source mapping hands Lambda a batch, and the function settles each
// message through this handle as if it had received it.
internal sealed partial class SqsQueue
{
    /// <summary>
    /// Takes over <paramref name="message"/>, hidden until <paramref name="hiddenUntil"/> by its receiver: the port's
    /// message, settled as one this handle received; or <see langword="null"/> when it is not one to run (a hop not
    /// yet due is sent on, and a message past its last delivery goes to the poison queue, as on a receive).
    /// </summary>
    public Task<QueueMessage?> AdoptAsync(
        Message message,
        DateTimeOffset hiddenUntil,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = Time.GetUtcNow();
        var hidden = hiddenUntil > now ? hiddenUntil - now : TimeSpan.Zero;
        return AcceptAsync(message, now, hidden, hidden, cancellationToken);
    }

    /// <summary>
    /// Stops vouching for an adopted delivery whose deletion its receiver takes on; <see langword="false"/> when it
    /// was already settled here.
    /// </summary>
    public bool Relinquish(QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _deliveries.TryGetValue(message.MessageId, out var delivery)
            && delivery.Receipt == message.PopReceipt
            && _deliveries.TryRemove(new KeyValuePair<string, HeldDelivery>(message.MessageId, delivery));
    }
}
