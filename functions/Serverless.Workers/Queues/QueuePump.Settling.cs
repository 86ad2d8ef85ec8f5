using Serverless.Storage.Queues;

namespace Serverless.Workers.Queues;

// Running a handler and settling its message: completed (unless the handler did), or abandoned with back-off.
public sealed partial class QueuePump
{
    private sealed partial class Run
    {
        private async Task ProcessAsync(InFlight work)
        {
            var message = work.Message;
            var started = pump._time.GetTimestamp();
            try
            {
                var delivery = new QueueCompletion(_queue.Name, message);
                var reported = await pump._handler(delivery, _cutOff.Token).ConfigureAwait(false);
                var completedByHandler = CompletedByHandler(reported, delivery);
                if (work.TrySettle())
                {
                    if (completedByHandler)
                    {
                        pump._events.OnCompleted?.Invoke(message, pump._time.GetElapsedTime(started));
                    }
                    else
                    {
                        await CompleteAsync(message, pump._time.GetElapsedTime(started)).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception exception)
            {
                // Not settled when the drain deadline already returned the message: the failure is that cut-off.
                if (work.TrySettle())
                {
                    pump._events.OnHandlerFailed?.Invoke(message, exception);
                    await AbandonAsync(message, _options.GetRetryDelay(message.DequeueCount)).ConfigureAwait(false);
                }
            }
            finally
            {
                _inFlight.TryRemove(work, out _);

                // The slot passes to a waiting handed-over message, if any, before the receive loop can have it.
                if (!TryStartHandedOver())
                {
                    ReleaseSlots(1);
                }
            }
        }

        private async Task CompleteAsync(QueueMessage message, TimeSpan elapsed)
        {
            bool completed;
            try
            {
                // Not cancellable: once the handler succeeded, losing the completion would only cause a duplicate run.
                completed = await _queue.CompleteAsync(message, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                pump._events.OnSettleFailed?.Invoke(message, exception);
                return;
            }

            (completed ? pump._events.OnCompleted : pump._events.OnReceiptStale)?.Invoke(message, elapsed);
        }

        private async Task AbandonAsync(QueueMessage message, TimeSpan delay)
        {
            try
            {
                await _queue.AbandonAsync(message, delay, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // The message reappears once its visibility timeout ends: late, but not lost.
                pump._events.OnSettleFailed?.Invoke(message, exception);
            }
        }
    }
}
