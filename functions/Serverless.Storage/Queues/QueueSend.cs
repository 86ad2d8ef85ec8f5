namespace Serverless.Storage.Queues;

/// <summary>A message to send as part of <see cref="ITransactionalStorage.ExecuteBatchAndSendAsync"/>.</summary>
/// <param name="Queue">The queue's name.</param>
/// <param name="Body">The payload.</param>
/// <param name="Delay">How long the message stays invisible (<see langword="null"/>: visible at once).</param>
public sealed record QueueSend(string Queue, string Body, TimeSpan? Delay = null)
{
    /// <summary>
    /// When set, the message is written as already received once, by this provider's worker, under this delivery:
    /// hidden for <see cref="HiddenFor"/> and recorded as held, exactly as a receive would leave it. The sender hands
    /// it to a handler in its own process (the queue runtime's local hand-over), with no poll and no receive; if the
    /// process dies first, the message comes back as any held message of a dead worker does.
    /// </summary>
    public QueueMessage? Received { get; private init; }

    /// <summary>How long a <see cref="Received"/> message stays hidden: its visibility timeout.</summary>
    public TimeSpan HiddenFor { get; private init; }

    /// <summary>
    /// A send of <paramref name="body"/> to <paramref name="queue"/> written as received by this process's worker, for
    /// it to handle itself.
    /// </summary>
    public static QueueSend ReceivedLocally(
        string queue,
        string body,
        TimeSpan visibilityTimeout,
        DateTimeOffset now) =>
        new(queue, body)
        {
            Received = new QueueMessage(
                Guid.CreateVersion7().ToString("N"),
                Guid.NewGuid().ToString("N"),
                body,
                1,
                now),
            HiddenFor = visibilityTimeout,
        };
}
