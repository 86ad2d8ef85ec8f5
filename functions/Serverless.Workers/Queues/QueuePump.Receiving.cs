using Serverless.Storage.Queues;

namespace Serverless.Workers.Queues;

// The pump's receive loop: asks for as many messages as there are free slots, and waits ever longer while the queue is
// empty: on the storage's side where it can wait for a message (SQS long polling), else on the pump's clock.
public sealed partial class QueuePump
{
    private sealed partial class Run
    {
        public async Task ReceiveLoopAsync(CancellationToken stopping)
        {
            var batchSize = Math.Max(1, _options.BatchSize);

            // When the first of the empty receives in a row began (a timestamp), or null after work.
            long? emptySince = null;
            while (true)
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
                if (TryStartHandedOver())
                {
                    continue;
                }

                // Ask for as many messages as there are free slots, so nothing received waits for a slot (unless a
                // hand-over borrows one while the receive waits).
                var taken = 1;
                while (taken < batchSize && _slots.Wait(0, CancellationToken.None))
                {
                    taken++;
                }

                // Armed before receiving, so a send between an empty receive and the idle wait still ends the wait.
                var sent = pump._signals?.Arm(_queue.Name);

                // The wait that follows if this receive finds nothing, offered to the storage to spend waiting for a
                // message; what it did not spend is waited below.
                var began = pump._time.GetTimestamp();
                var wait = _options.GetPollingDelay(
                    emptySince is { } since ? pump._time.GetElapsedTime(since, began) : TimeSpan.Zero);
                LendSlots(taken);
                IReadOnlyList<QueueMessage> messages;
                try
                {
                    messages = await _queue.ReceiveAsync(taken, _options.VisibilityTimeout, wait, stopping)
                        .ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    ReleaseSlots(TakeBackLentSlots());
                    if (stopping.IsCancellationRequested)
                    {
                        return;
                    }

                    pump._events.OnReceiveFailed?.Invoke(exception);
                    await Task.Delay(_options.GetPollingDelay(TimeSpan.MaxValue), pump._time, stopping)
                        .ConfigureAwait(false);
                    continue;
                }

                var held = TakeBackLentSlots();
                if (messages.Count == 0)
                {
                    ReleaseSlots(held);
                    emptySince ??= began;
                    var left = wait - pump._time.GetElapsedTime(began);
                    if (await IdleAsync(left, sent, stopping).ConfigureAwait(false))
                    {
                        // Work is on its way (a storage may show a delayed message a moment after it is due): look
                        // again soon, backing off from the shortest wait rather than from the longest.
                        emptySince = null;
                    }

                    continue;
                }

                emptySince = null;
                if (stopping.IsCancellationRequested)
                {
                    // Received as the stop began: hand them straight back rather than start work that may be cut short.
                    await Task.WhenAll(messages.Select(m => AbandonAsync(m, TimeSpan.Zero))).ConfigureAwait(false);
                    ReleaseSlots(held);
                    return;
                }

                StartReceived(messages, held);
            }
        }

        /// <summary>Waits <paramref name="delay"/>, or less when this process sends to the queue
        /// (<paramref name="sent"/>); returns whether the send ended the wait.</summary>
        private async Task<bool> IdleAsync(TimeSpan delay, Task? sent, CancellationToken stopping)
        {
            if (sent is { IsCompleted: true })
            {
                return true;
            }

            if (delay <= TimeSpan.Zero)
            {
                return false;
            }

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
