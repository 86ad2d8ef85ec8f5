using System.Collections.Concurrent;

namespace Serverless.Workers.Queues;

/// <summary>
/// In-process wake-ups for queue pollers: when this process sends a message, pollers of that queue in the same process
/// stop waiting and receive at once, instead of on their next poll. Only a latency optimization: pollers still poll,
/// so messages from other processes (or a lost signal) are picked up all the same.
/// </summary>
public sealed class QueueSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);

    /// <summary>Wakes the pollers of <paramref name="queueName"/>.</summary>
    public void Notify(string queueName)
    {
        if (_signals.TryGetValue(queueName, out var signal))
        {
            signal.TrySetResult();
        }
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
