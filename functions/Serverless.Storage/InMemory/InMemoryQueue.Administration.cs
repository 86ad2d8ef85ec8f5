using Serverless.Storage.Queues;

namespace Serverless.Storage.InMemory;

internal sealed partial class InMemoryQueue
{
    public IReadOnlyList<PeekedMessage> Peek(int maxMessages)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return Visible(now)
                .Take(maxMessages)
                .Select(m => new PeekedMessage(m.Id, m.Body, m.DequeueCount, m.InsertedAt))
                .ToList();
        }
    }

    public QueueDepth Depth()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var ready = Visible(now).ToList();
            return new QueueDepth(
                ready.Count,
                _messages.Count - ready.Count,
                ready.Count == 0 ? null : ready.Min(m => m.VisibleAt),
                IsApproximate: false);
        }
    }

    /// <summary>
    /// Removes the visible message <paramref name="messageId"/> (among the first
    /// <see cref="IQueueAdministration.MaxPeek"/>) and returns it.
    /// </summary>
    public (string Id, string Body)? Take(string messageId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var found = Visible(now).Take(IQueueAdministration.MaxPeek).FirstOrDefault(m => m.Id == messageId);
            if (found is null)
            {
                return null;
            }

            _messages.Remove(found);
            return (found.Id, found.Body);
        }
    }

    /// <summary>Adds a message as sent now (a moved one keeps its id; its dequeue count starts again).</summary>
    public void Put(string id, string body)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _messages.Add(new StoredMessage(id, body, now) { VisibleAt = now });
        }
    }

    /// <summary>The holders of messages still hidden by a receive.</summary>
    public IEnumerable<string> Holders()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return Held(now).Select(m => m.Holder!).Distinct(StringComparer.Ordinal).ToList();
        }
    }

    public int CountHeld(string workerId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return Held(now).Count(m => m.Holder == workerId);
        }
    }

    public int Release(string workerId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var held = Held(now).Where(m => m.Holder == workerId).ToList();
            foreach (var message in held)
            {
                message.VisibleAt = now;
                message.PopReceipt = null;
                message.Holder = null;
            }

            return held.Count;
        }
    }

    private IEnumerable<StoredMessage> Visible(DateTimeOffset now) =>
        _messages.Where(m => m.VisibleAt <= now).OrderBy(m => m.VisibleAt).ThenBy(m => m.InsertedAt);

    private IEnumerable<StoredMessage> Held(DateTimeOffset now) =>
        _messages.Where(m => m.Holder is not null && m.PopReceipt is not null && m.VisibleAt > now);
}
