using Serverless.Storage.Queues;

namespace Serverless.Storage.InMemory;

internal sealed partial class InMemoryQueue(
    string name,
    TimeProvider time,
    QueueOptions options,
    Func<string,
    InMemoryQueue> poisonQueue)
    : IQueue
{
    private readonly List<StoredMessage> _messages = [];
    private readonly Lock _gate = new();

    public string Name { get; } = name;

    public ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public Task<string> SendAsync(string body, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var message = new StoredMessage(Guid.NewGuid().ToString("N"), body, now) { VisibleAt = now + (delay
            ?? TimeSpan.Zero) };
        lock (_gate)
        {
            _messages.Add(message);
        }

        return Task.FromResult(message.Id);
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        int maxMessages,
        TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default) =>
        ReceiveAs(options.WorkerId, maxMessages, visibilityTimeout);

    /// <summary>Receives with the messages recorded as held by <paramref name="holder"/>.</summary>
    public Task<IReadOnlyList<QueueMessage>> ReceiveAs(string? holder, int maxMessages, TimeSpan visibilityTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var now = time.GetUtcNow();
        var received = new List<QueueMessage>();
        var poisoned = new List<StoredMessage>();
        lock (_gate)
        {
            var visible = _messages.Where(m => m.VisibleAt <= now).OrderBy(m => m.VisibleAt).ThenBy(m => m.InsertedAt);
            foreach (var message in visible.ToList())
            {
                if (message.DequeueCount >= options.MaxDequeueCount)
                {
                    _messages.Remove(message);
                    poisoned.Add(message);
                    continue;
                }

                message.DequeueCount++;
                message.PopReceipt = Guid.NewGuid().ToString("N");
                message.VisibleAt = now + visibilityTimeout;
                message.Holder = holder;
                received.Add(new QueueMessage(
                    message.Id,
                    message.PopReceipt,
                    message.Body,
                    message.DequeueCount,
                    message.InsertedAt));
                if (received.Count == maxMessages)
                {
                    break;
                }
            }
        }

        foreach (var message in poisoned)
        {
            poisonQueue(Name).Append(message);
        }

        return Task.FromResult<IReadOnlyList<QueueMessage>>(received);
    }

    public Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_messages.RemoveAll(m => m.Id == message.MessageId
                && m.PopReceipt == message.PopReceipt) == 1);
        }
    }

    public Task<bool> AbandonAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var stored = _messages.Find(m => m.Id == message.MessageId && m.PopReceipt == message.PopReceipt);
            if (stored is null)
            {
                return Task.FromResult(false);
            }

            stored.VisibleAt = time.GetUtcNow() + delay;
            stored.PopReceipt = null;
            stored.Holder = null;
            return Task.FromResult(true);
        }
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_messages.Count);
        }
    }

    private void Append(StoredMessage message)
    {
        var fresh = new StoredMessage(message.Id, message.Body, message.InsertedAt) { VisibleAt = time.GetUtcNow() };
        lock (_gate)
        {
            _messages.Add(fresh);
        }
    }

    private sealed class StoredMessage(string id, string body, DateTimeOffset insertedAt)
    {
        public string Id { get; } = id;
        public string Body { get; } = body;
        public DateTimeOffset InsertedAt { get; } = insertedAt;
        public DateTimeOffset VisibleAt { get; set; }
        public int DequeueCount { get; set; }
        public string? PopReceipt { get; set; }
        public string? Holder { get; set; }
    }
}
