using System.Collections.Concurrent;
using Serverless.Storage.Queues;

namespace Serverless.Workers.Tests.Queues;

/// <summary>
/// Wraps a real queue, records what a pump asks of it, and can fail receives or run code right after one.
/// </summary>
internal sealed class RecordingQueue(IQueue inner) : IQueue
{
    private int _failingReceives;

    public ConcurrentQueue<int> ReceiveSizes { get; } = new();

    public ConcurrentQueue<TimeSpan> AbandonDelays { get; } = new();

    /// <summary>Runs after a receive that returned messages, before the pump sees them.</summary>
    public Action? AfterReceive { get; set; }

    public string Name => inner.Name;

    public void FailNextReceives(int count) => _failingReceives = count;

    public ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        inner.CreateIfNotExistsAsync(cancellationToken);

    public Task<string> SendAsync(string body, TimeSpan? delay = null, CancellationToken cancellationToken = default) =>
        inner.SendAsync(body, delay, cancellationToken);

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        int maxMessages,
        TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ReceiveSizes.Enqueue(maxMessages);
        if (Interlocked.Decrement(ref _failingReceives) >= 0)
        {
            throw new InvalidOperationException("storage unavailable");
        }

        var messages = await inner.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken);
        if (messages.Count > 0)
        {
            AfterReceive?.Invoke();
        }

        return messages;
    }

    public Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken = default) =>
        inner.CompleteAsync(message, cancellationToken);

    public Task<bool> AbandonAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        AbandonDelays.Enqueue(delay);
        return inner.AbandonAsync(message, delay, cancellationToken);
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);
}
