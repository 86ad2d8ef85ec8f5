using Serverless.Storage.Queues;

namespace Serverless.Workers.Queues;

// Local hand-over: slots reserved for messages senders in this process wrote as received by it, and the handed-over
// messages waiting for a slot.
public sealed partial class QueuePump
{
    private sealed partial class Run
    {
        /// <summary>
        /// A free slot, or else a place among the messages handed over that wait for one (as many as there are slots).
        /// A handler that finishes takes the next waiting handed-over message before the pump receives again: work
        /// already under way in this process goes before new work from the queue.
        /// </summary>
        public LocalDelivery? TryReserve()
        {
            lock (_localGate)
            {
                if (_stopped)
                {
                    return null;
                }

                if (_slots.Wait(0, CancellationToken.None))
                {
                    return new LocalDelivery(_options.VisibilityTimeout, DeliverInSlot, () => ReleaseSlots(1));
                }

                if (_handedOverReservations >= _handedOverLimit)
                {
                    return null;
                }

                _handedOverReservations++;
                return new LocalDelivery(_options.VisibilityTimeout, DeliverToWait, () =>
                {
                    lock (_localGate)
                    {
                        _handedOverReservations--;
                    }
                });
            }
        }

        /// <summary>From now on no slot is reserved; handed-over messages still waiting, or delivered later, go back to
        /// the queue.</summary>
        public async Task StopTakingLocalDeliveriesAsync()
        {
            QueueMessage[] waiting;
            lock (_localGate)
            {
                _stopped = true;
                waiting = [.. _handedOver];
                _handedOver.Clear();
                _handedOverReservations -= waiting.Length;
            }

            await Task.WhenAll(waiting.Select(m => AbandonAsync(m, TimeSpan.Zero))).ConfigureAwait(false);
        }

        private void DeliverInSlot(QueueMessage message)
        {
            lock (_localGate)
            {
                // Checked and started under the gate, so the drain either waits for this message or never sees it.
                if (!_stopped)
                {
                    Start(message);
                    return;
                }
            }

            _ = ReturnAsync(message);
        }

        private void DeliverToWait(QueueMessage message)
        {
            lock (_localGate)
            {
                if (_stopped)
                {
                    _handedOverReservations--;
                    _ = AbandonAsync(message, TimeSpan.Zero);
                    return;
                }

                _handedOver.Enqueue(message);
            }

            // A slot may have come free between the reservation and now.
            StartWaitingHandedOver();
        }

        /// <summary>Returns <paramref name="count"/> slots unused, and gives any that a waiting handed-over message can
        /// use to it.</summary>
        private void ReleaseSlots(int count)
        {
            _slots.Release(count);
            StartWaitingHandedOver();
        }

        private void StartWaitingHandedOver()
        {
            while (_slots.Wait(0, CancellationToken.None))
            {
                if (!TryStartHandedOver())
                {
                    _slots.Release();
                    return;
                }
            }
        }

        /// <summary>Starts the next waiting handed-over message in a slot the caller holds; false when none
        /// waits.</summary>
        private bool TryStartHandedOver()
        {
            lock (_localGate)
            {
                if (_stopped || !_handedOver.TryDequeue(out var next))
                {
                    return false;
                }

                _handedOverReservations--;
                Start(next);
                return true;
            }
        }

        private async Task ReturnAsync(QueueMessage message)
        {
            await AbandonAsync(message, TimeSpan.Zero).ConfigureAwait(false);
            _slots.Release();
        }
    }
}
