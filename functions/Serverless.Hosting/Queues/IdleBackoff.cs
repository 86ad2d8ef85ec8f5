namespace Serverless.Hosting.Queues;

/// <summary>Polling delays for an idle queue: start short (first-message latency), double to a cap, reset when work arrives.</summary>
internal sealed class IdleBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public IdleBackoff(TimeSpan min, TimeSpan max)
    {
        // A zero delay would spin; never wait less than a millisecond.
        _min = TimeSpan.FromTicks(Math.Max(min.Ticks, TimeSpan.TicksPerMillisecond));
        _max = TimeSpan.FromTicks(Math.Max(max.Ticks, _min.Ticks));
        _next = _min;
    }

    /// <summary>The delay to wait now; the following one is twice as long, up to the cap.</summary>
    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _max.Ticks));
        return delay;
    }

    /// <summary>Work arrived: the next idle wait is the shortest again.</summary>
    public void Reset() => _next = _min;
}
