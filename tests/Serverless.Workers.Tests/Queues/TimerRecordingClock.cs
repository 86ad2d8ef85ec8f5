using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Serverless.Workers.Tests.Queues;

/// <summary>
/// A fake clock that reports each timer created on it, so a test advances time only once something waits on it.
/// </summary>
internal sealed class TimerRecordingClock() : FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public Task<TimeSpan> NextTimerAsync() => _timers.Reader.ReadAsync().AsTask().WaitAsync(Eventually.Deadline);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timers.Writer.TryWrite(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
