using Amazon.SQS.Model;
using Serverless.Storage.Queues;

namespace Serverless.Storage.Aws;

// Lambda mode: the messages an SQS event source mapping received, run and settled through this provider.
public sealed partial class AwsStorageProvider
{
    /// <summary>
    /// The ports' name of the SQS queue <paramref name="sqsName"/>, or <see langword="null"/> when it is not one of
    /// this provider's (another prefix).
    /// </summary>
    public string? QueueNameOf(string sqsName)
    {
        ArgumentNullException.ThrowIfNull(sqsName);
        var prefix = _connection.QueuePrefix.Length == 0 ? "" : _connection.QueuePrefix + "-";
        return sqsName.StartsWith(prefix, StringComparison.Ordinal) && sqsName.Length > prefix.Length
            ? sqsName[prefix.Length..]
            : null;
    }

    /// <summary>
    /// Takes over a message of queue <paramref name="queueName"/> that another receiver (an event source mapping)
    /// received and keeps hidden until <paramref name="hiddenUntil"/>: the port's message, which the queue's
    /// <see cref="IQueue.CompleteAsync"/> and <see cref="IQueue.AbandonAsync"/> then settle; or <see langword="null"/>
    /// when it is not one to run (a delay hop not yet due, sent on; a message past its last delivery, moved to the
    /// poison queue). Either way nothing is left for the receiver to do but delete it.
    /// </summary>
    public Task<QueueMessage?> AdoptAsync(
        string queueName,
        Message message,
        DateTimeOffset hiddenUntil,
        CancellationToken cancellationToken = default) =>
        Queue(queueName).AdoptAsync(message, hiddenUntil, cancellationToken);

    /// <summary>
    /// Hands an adopted message's deletion back to its receiver (an event source mapping deletes what the function
    /// reports done); <see langword="false"/> when it was already settled through this provider.
    /// </summary>
    public bool Relinquish(string queueName, QueueMessage message) => Queue(queueName).Relinquish(message);
}
