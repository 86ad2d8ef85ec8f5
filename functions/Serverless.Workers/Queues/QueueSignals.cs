using System.Collections.Concurrent;

namespace Serverless.Workers.Queues;

/// <summary>
/// In-process wake-ups for queue pollers: when this process sends a message, pollers of that queue in the same process
/// stop waiting and receive at once (or, for a delayed message, when it is due), instead of on their next poll. So an
/// idle poller may back off far without delaying this process's own work. Only a latency optimization: pollers still
/// poll, so messages from other processes (or a lost signal) are picked up all the same.
/// </summary>
/// <param name="timeProvider">The clock of delayed signals.</param>
public sealed class QueueSignals(TimeProvider? timeProvider = null)
{
    /// <summary>
    /// The longest delay signalled when due; a message delayed longer is found by polling, late by at most the longest
    /// poll interval, which is small beside such a delay.
    /// </summary>
    public static readonly TimeSpan MaxSignalledDelay = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ITimer, byte> _due = new();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Wakes the pollers of <paramref name="queueName"/>.</summary>
    public void Notify(string queueName)
    {
        if (_signals.TryGetValue(queueName, out var signal))
        {
            signal.TrySetResult();
        }
    }

    /// <summary>Wakes every poller, as when another process's messages were just made visible.</summary>
    public void NotifyAll()
    {
        foreach (var signal in _signals.Values)
        {
            signal.TrySetResult();
        }
    }

    /// <summary>
    /// Wakes the pollers of <paramref name="queueName"/> once <paramref name="delay"/> has passed (at once when it is
    /// not positive; not at all beyond <see cref="MaxSignalledDelay"/>).
    /// </summary>
    public void NotifyWhenDue(string queueName, TimeSpan? delay) => When(delay, () => Notify(queueName));

    /// <summary>
    /// Wakes every poller once <paramref name="delay"/> has passed (at once when it is not positive; not at all beyond
    /// <see cref="MaxSignalledDelay"/>), as when another process's messages become visible by then.
    /// </summary>
    public void NotifyAllWhenDue(TimeSpan delay) => When(delay, NotifyAll);

    private void When(TimeSpan? delay, Action notify)
    {
        if (delay is not { } after || after <= TimeSpan.Zero)
        {
            notify();
            return;
        }

        if (after > MaxSignalledDelay)
        {
            return;
        }

        // Held until it fires: an unreferenced timer may be collected before it does.
        ITimer? timer = null;
        timer = _time.CreateTimer(
            _ =>
            {
                notify();
                if (timer is not null && _due.TryRemove(timer, out byte _))
                {
                    timer.Dispose();
                }
            },
            null,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        _due[timer] = 0;
        timer.Change(after, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Arms the signal of <paramref name="queueName"/> and returns a task that completes at the next
    /// <see cref="Notify"/>. Call it before looking at the queue, so a send in between is not missed.
    /// </summary>
    public Task Arm(string queueName) =>
        _signals.AddOrUpdate(
            queueName,
            static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            static (_, current) =>
                current.Task.IsCompleted
                    ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
                    : current).Task;
}
