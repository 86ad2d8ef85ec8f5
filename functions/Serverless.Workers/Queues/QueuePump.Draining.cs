using Serverless.Storage.Queues;

namespace Serverless.Workers.Queues;

// The drain on stop: in-flight handlers may finish until the deadline; what is unfinished then goes back to the queue
// at once.
public sealed partial class QueuePump
{
    private sealed partial class Run
    {
        /// <summary>
        /// Waits for the in-flight handlers until the drain deadline, then returns what is unfinished at once and
        /// cancels those handlers. Returns the handlers still running (cut off, their messages already back in the
        /// queue).
        /// </summary>
        public async Task<Task> DrainAsync(CancellationToken drainToken)
        {
            var executions = _inFlight.Keys.Select(p => p.Execution).ToArray();
            var pending = Task.WhenAll(executions);
            if (pending.IsCompleted)
            {
                return pending;
            }

            pump._events.OnDraining?.Invoke(executions.Length);
            try
            {
                await pending.WaitAsync(_options.DrainTimeout, pump._time, drainToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is TimeoutException || drainToken.IsCancellationRequested)
            {
                var unfinished = _inFlight.Keys.Where(p => p.TrySettle()).ToArray();
                pump._events.OnUnfinishedReturned?.Invoke(unfinished.Length);
                await Task.WhenAll(unfinished.Select(p => AbandonAsync(p.Message, TimeSpan.Zero)))
                    .ConfigureAwait(false);
                await _cutOff.CancelAsync().ConfigureAwait(false);
            }

            return pending;
        }
    }
}
