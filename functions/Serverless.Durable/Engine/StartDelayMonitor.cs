namespace Serverless.Durable.Engine;

/// <summary>
/// How long new orchestrations waited to begin, as this process's workers saw it: from an instance's creation to its
/// first episode. The work of running orchestrations goes to this process's free slots first, so under overload new
/// instances are the ones that wait, and their wait is the backlog a new order joins.
/// </summary>
public sealed class StartDelayMonitor
{
    private readonly TimeProvider _time;
    private long _delayTicks;
    private long _seenAtTicks;

    /// <summary>Creates the monitor.</summary>
    public StartDelayMonitor(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// How long a reading stays current (default 1 s): after it, with no orchestration begun since, the host is taken
    /// to have caught up.
    /// </summary>
    public TimeSpan Freshness { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The wait of the orchestration that began last, or zero when none began within <see cref="Freshness"/>.
    /// </summary>
    public TimeSpan Current
    {
        get
        {
            var seenAt = Volatile.Read(ref _seenAtTicks);
            var age = _time.GetUtcNow().UtcTicks - seenAt;
            return seenAt == 0 || age > Freshness.Ticks
                ? TimeSpan.Zero
                : TimeSpan.FromTicks(Volatile.Read(ref _delayTicks));
        }
    }

    /// <summary>
    /// Records that an orchestration created at <paramref name="createdAt"/> began at <paramref name="now"/>.
    /// </summary>
    internal void Began(DateTimeOffset createdAt, DateTimeOffset now)
    {
        // Two fields, not one atomic pair: a reader mixing two neighbouring readings errs by one start's wait at most.
        Volatile.Write(ref _delayTicks, Math.Max(0, (now - createdAt).Ticks));
        Volatile.Write(ref _seenAtTicks, now.UtcTicks);
    }
}
