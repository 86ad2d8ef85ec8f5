using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Serverless.Storage.Queues;

namespace Serverless.Workers.Tests.Queues;

/// <summary>
/// Wraps a queue as a storage that waits for a message on its side would: a receive that finds nothing spends
/// <paramref name="share"/> of the wait it was offered on <paramref name="clock"/> (nothing arrives meanwhile), and
/// every wait offered is recorded.
/// </summary>
internal sealed class WaitingQueue(IQueue inner, FakeTimeProvider clock, double share) : ForwardingQueue(inner)
{
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        int maxMessages,
        TimeSpan visibilityTimeout,
        TimeSpan wait = default,
        CancellationToken cancellationToken = default)
    {
        Waits.Enqueue(wait);
        var messages = await Inner.ReceiveAsync(maxMessages, visibilityTimeout, wait, cancellationToken);
        if (messages.Count == 0)
        {
            clock.Advance(wait * share);
        }

        return messages;
    }
}
