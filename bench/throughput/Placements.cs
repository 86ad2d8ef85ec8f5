using System.Collections.Concurrent;
using System.Diagnostics;

namespace Serverless.Bench.Throughput;

/// <summary>
/// What a load driver placed: per order slot its id and its POST latency, the accepted slots in the order they were
/// accepted (for <see cref="CompletionTracker"/>), the first send and the last acceptance (wall clock), and failures.
/// Fixed arrays, written once per slot: recording a request allocates nothing.
/// </summary>
internal sealed class Placements(int count)
{
    private int _failures;
    private int _refused;
    private int _refusedWithoutRetryAfter;
    private string? _firstFailure;
    private long _lastAcceptedTimestamp;

    public int Count => count;

    public string?[] OrderIds { get; } = new string?[count];

    /// <summary>
    /// Milliseconds from the request's due time (open loop) or send (closed loop) to the 202; NaN if it failed.
    /// </summary>
    public double[] LatencyMs { get; } = Enumerable.Repeat(double.NaN, count).ToArray();

    /// <summary>Slots in the order they were accepted.</summary>
    public ConcurrentQueue<int> Accepted { get; } = new();

    /// <summary>Wall clock just before the first POST was sent.</summary>
    public DateTimeOffset FirstSent { get; private set; }

    /// <summary>Stopwatch timestamp matching <see cref="FirstSent"/>.</summary>
    public long FirstSentTimestamp { get; private set; }

    /// <summary>Wall clock of the last 202.</summary>
    public DateTimeOffset LastAccepted =>
        FirstSent + Stopwatch.GetElapsedTime(FirstSentTimestamp, Volatile.Read(ref _lastAcceptedTimestamp));

    public bool Done { get; private set; }

    public int Failures => Volatile.Read(ref _failures);

    public string? FirstFailure => _firstFailure;

    /// <summary>POSTs the host refused (429, 503) before writing anything; a closed-loop client retried each.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Refusals that did not say when to come back.</summary>
    public int RefusedWithoutRetryAfter => Volatile.Read(ref _refusedWithoutRetryAfter);

    public void Start()
    {
        FirstSentTimestamp = Stopwatch.GetTimestamp();
        FirstSent = DateTimeOffset.UtcNow;
    }

    public void Complete() => Done = true;

    public void Record(int slot, string orderId, long fromTimestamp)
    {
        var now = Stopwatch.GetTimestamp();
        OrderIds[slot] = orderId;
        LatencyMs[slot] = Stopwatch.GetElapsedTime(fromTimestamp, now).TotalMilliseconds;
        long last;
        while ((last = Volatile.Read(ref _lastAcceptedTimestamp)) < now
            && Interlocked.CompareExchange(ref _lastAcceptedTimestamp, now, last) != last)
        {
        }

        Accepted.Enqueue(slot);
    }

    public void Refuse(OrderRefusedException refusal)
    {
        Interlocked.Increment(ref _refused);
        if (refusal.RetryAfter is null)
        {
            Interlocked.Increment(ref _refusedWithoutRetryAfter);
        }
    }

    public void Fail(Exception exception)
    {
        if (Interlocked.Increment(ref _failures) == 1)
        {
            _firstFailure = exception.Message;
        }
    }
}
