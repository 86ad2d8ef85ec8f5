using Serverless.Storage.Queues;

namespace Serverless.Workers.Queues;

// The pump's receive loop: asks for as many messages as there are free slots, and waits ever longer while the queue is
// empty. Work this process announced itself (a send's signal) leaves the back-off where it was: its sends wake the loop
// anyway, so only work nobody announced (another process's) makes it look again at once.
public sealed partial class QueuePump
{
    private sealed partial class Run
    {
        public async Task ReceiveLoopAsync(CancellationToken stopping)
        {
            var batchSize = Math.Max(1, _options.BatchSize);
            var emptyPolls = 0;
            var announced = false;
            while (true)
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
                if (TryStartHandedOver())
                {
                    continue;
                }

                // Ask for as many messages as there are free slots, so nothing received waits for a slot.
                var taken = 1;
                while (taken < batchSize && _slots.Wait(0, CancellationToken.None))
                {
                    taken++;
                }

                // Armed before receiving, so a send between an empty receive and the idle wait still ends the wait.
                var sent = pump._signals?.Arm(_queue.Name);
                IReadOnlyList<QueueMessage> messages;
                try
                {
                    messages = await _queue.ReceiveAsync(taken, _options.VisibilityTimeout, stopping)
                        .ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    ReleaseSlots(taken);
                    if (stopping.IsCancellationRequested)
                    {
                        return;
                    }

                    pump._events.OnReceiveFailed?.Invoke(exception);
                    await Task.Delay(_options.GetPollingDelay(int.MaxValue), pump._time, stopping)
                        .ConfigureAwait(false);
                    continue;
                }

                if (taken > messages.Count)
                {
                    ReleaseSlots(taken - messages.Count);
                }

                if (messages.Count > 0)
                {
                    if (!announced)
                    {
                        emptyPolls = 0;
                    }

                    if (stopping.IsCancellationRequested)
                    {
                        // Received as the stop began: hand them straight back rather than start work that may be cut
                        // short.
                        await Task.WhenAll(messages.Select(m => AbandonAsync(m, TimeSpan.Zero))).ConfigureAwait(false);
                        ReleaseSlots(messages.Count);
                        return;
                    }

                    foreach (var message in messages)
                    {
                        Start(message);
                    }

                    if (messages.Count == taken)
                    {
                        // As many as asked for: more may be waiting, so ask again at once.
                        announced = false;
                        continue;
                    }
                }

                // An empty poll, or one that drained the queue (asking again at once would find nothing): each waits
                // longer; but announced work that is not there yet (a storage may show a delayed message a moment after
                // it is due) is looked for again soon, from the shortest wait.
                emptyPolls = messages.Count == 0 && announced ? 1 : Math.Min(emptyPolls + 1, 64);
                announced = await IdleAsync(_options.GetPollingDelay(emptyPolls), sent, stopping)
                    .ConfigureAwait(false);
            }
        }

        /// <summary>Waits <paramref name="delay"/>, or less when this process sends to the queue
        /// (<paramref name="sent"/>); returns whether the send ended the wait.</summary>
        private async Task<bool> IdleAsync(TimeSpan delay, Task? sent, CancellationToken stopping)
        {
            if (sent is null)
            {
                await Task.Delay(delay, pump._time, stopping).ConfigureAwait(false);
                return false;
            }

            // Linked so that a signal ends the timer too, instead of leaving it to fire for nothing.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var first = await Task.WhenAny(Task.Delay(delay, pump._time, wait.Token), sent).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
            stopping.ThrowIfCancellationRequested();
            return first == sent;
        }
    }
}
