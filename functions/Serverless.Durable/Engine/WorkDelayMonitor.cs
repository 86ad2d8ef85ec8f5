namespace Serverless.Durable.Engine;

/// <summary>
/// How long work waited to begin in this process: a new orchestration from its creation to its first episode, an
/// activity from the episode that scheduled it to its first delivery's start. When the host is short of capacity the
/// work piles up in queues, wherever the bottleneck is, and these waits grow with the pile; when it keeps up they are
/// milliseconds. Retried deliveries and timers, which wait on purpose, are not counted.
/// </summary>
public sealed class WorkDelayMonitor
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _windowStart;
    private TimeSpan _currentMax;
    private TimeSpan _previousMax;

    /// <summary>Creates the monitor.</summary>
    public WorkDelayMonitor(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// How long a wait counts (default 100 ms): <see cref="Current"/> is the longest wait seen within the last one to
    /// two windows, and zero once no work has begun for that long (an idle host is not behind).
    /// </summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait of the work that began lately; zero when none began lately.</summary>
    public TimeSpan Current
    {
        get
        {
            lock (_gate)
            {
                Rotate(_time.GetUtcNow().UtcTicks);
                return _currentMax > _previousMax ? _currentMax : _previousMax;
            }
        }
    }

    /// <summary>Records that work made ready at <paramref name="readyAt"/> began at <paramref name="now"/>.</summary>
    internal void Began(DateTimeOffset readyAt, DateTimeOffset now)
    {
        var wait = now - readyAt;
        lock (_gate)
        {
            Rotate(now.UtcTicks);
            if (wait > _currentMax)
            {
                _currentMax = wait;
            }
        }
    }

    private void Rotate(long now)
    {
        var elapsed = now - _windowStart;
        if (elapsed < Window.Ticks)
        {
            return;
        }

        _previousMax = elapsed < 2 * Window.Ticks ? _currentMax : TimeSpan.Zero;
        _currentMax = TimeSpan.Zero;
        _windowStart = now;
    }
}
