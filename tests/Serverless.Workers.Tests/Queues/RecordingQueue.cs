using System.Collections.Concurrent;
using Serverless.Storage.Queues;

namespace Serverless.Workers.Tests.Queues;

/// <summary>
/// Wraps a real queue, records what a pump asks of it, and can fail receives or run code right after one.
/// </summary>
internal sealed class RecordingQueue(IQueue inner) : ForwardingQueue(inner)
{
    private int _failingReceives;

    public ConcurrentQueue<int> ReceiveSizes { get; } = new();

    public ConcurrentQueue<TimeSpan> AbandonDelays { get; } = new();

    /// <summary>Runs after a receive that returned messages, before the pump sees them.</summary>
    public Action? AfterReceive { get; set; }

    public void FailNextReceives(int count) => _failingReceives = count;

    public override async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        int maxMessages,
        TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ReceiveSizes.Enqueue(maxMessages);
        if (Interlocked.Decrement(ref _failingReceives) >= 0)
        {
            throw new InvalidOperationException("storage unavailable");
        }

        var messages = await Inner.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken);
        if (messages.Count > 0)
        {
            AfterReceive?.Invoke();
        }

        return messages;
    }

    public override Task<bool> AbandonAsync(
        QueueMessage message,
        TimeSpan delay,
        CancellationToken cancellationToken = default)
    {
        AbandonDelays.Enqueue(delay);
        return Inner.AbandonAsync(message, delay, cancellationToken);
    }
}
