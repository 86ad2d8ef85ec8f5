using System.Collections.Concurrent;

namespace Serverless.Durable.Tests.Support;

/// <summary>A ledger of activity side effects by idempotency key, to prove each was applied exactly once.</summary>
internal sealed class SideEffects
{
    private readonly ConcurrentDictionary<string, int> _applied = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _log = new();

    /// <summary>
    /// Applies an effect once per key, however often it is asked; returns whether this call applied it.
    /// </summary>
    public bool ApplyOnce(string idempotencyKey, string description)
    {
        if (_applied.TryAdd(idempotencyKey, 1))
        {
            _log.Enqueue(description);
            return true;
        }

        return false;
    }

    /// <summary>Counts every invocation, including redeliveries (at least once).</summary>
    public void CountInvocation(string idempotencyKey) =>
        _applied.AddOrUpdate(idempotencyKey + "#invocations", 1, (_, n) => n + 1);

    public IReadOnlyCollection<string> Log => _log.ToArray();

    public int Invocations(string idempotencyKey) => _applied.GetValueOrDefault(idempotencyKey + "#invocations");
}
