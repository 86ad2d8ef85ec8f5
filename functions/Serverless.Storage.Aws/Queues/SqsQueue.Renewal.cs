namespace Serverless.Storage.Aws.Queues;

internal sealed partial class SqsQueue
{
    /// <summary>
    /// How long a message received by a worker (<see cref="Serverless.Storage.Queues.QueueOptions.WorkerId"/> set) is
    /// hidden at a time. Its receipt reaches the worker's ledger only when it is held past a renewal, so a worker that
    /// dies sooner leaves messages nobody can release: this bounds how long they stay hidden. While the handler runs,
    /// the message is hidden again every <see cref="RenewEvery"/>, up to the visibility timeout the receiver asked for.
    /// </summary>
    public static readonly TimeSpan HeldVisibility = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(2);

    private ITimer? _renewal;
    private int _renewing;

    private void StartRenewal()
    {
        if (_renewal is not null)
        {
            return;
        }

        var timer = Time.CreateTimer(
            static state => _ = ((SqsQueue)state!).RenewAsync(),
            this,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        if (Interlocked.CompareExchange(ref _renewal, timer, null) is null)
        {
            timer.Change(RenewEvery, RenewEvery);
        }
        else
        {
            timer.Dispose();
        }
    }

    private async Task RenewAsync()
    {
        if (Interlocked.Exchange(ref _renewing, 1) == 1)
        {
            return;
        }

        try
        {
            var renewed = new List<(string Id, HeldDelivery Delivery)>();
            foreach (var (id, delivery) in _deliveries)
            {
                if (await RenewAsync(delivery).ConfigureAwait(false) && !delivery.Recorded)
                {
                    renewed.Add((id, delivery));
                }
            }

            // A message held this long is worth recording: if this worker dies, another releases it at once.
            if (context.Held is { } held && renewed.Count > 0)
            {
                await held.RecordAsync(Name, renewed.Select(r => (r.Id, r.Delivery.Receipt)), CancellationToken.None)
                    .ConfigureAwait(false);
                foreach (var (id, delivery) in renewed)
                {
                    await MarkRecordedAsync(held, Name, id, delivery).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is StorageException or Amazon.Runtime.AmazonServiceException
            or OperationCanceledException or HttpRequestException)
        {
            // The next round tries again; a message not renewed in time reappears: late work, never lost work.
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    /// <summary>Hides <paramref name="delivery"/> again if its hiding ends soon; whether it is still held.</summary>
    private async Task<bool> RenewAsync(HeldDelivery delivery)
    {
        var now = Time.GetUtcNow();
        if (delivery.HiddenUntil - now > RenewEvery * 2)
        {
            return true;
        }

        await delivery.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var remaining = delivery.Until - now;
            if (delivery.Settled || remaining <= TimeSpan.Zero || delivery.HiddenUntil <= now)
            {
                // Settled, or the visibility asked for (or the last renewal) ran out: it reappears as without renewal.
                return false;
            }

            var seconds = Math.Max(1, Seconds(remaining < HeldVisibility ? remaining : HeldVisibility));
            if (!await ChangeVisibilityAsync(delivery.Receipt, seconds, CancellationToken.None).ConfigureAwait(false))
            {
                delivery.HiddenUntil = now;
                return false;
            }

            delivery.HiddenUntil = now + TimeSpan.FromSeconds(seconds);
            return true;
        }
        finally
        {
            delivery.Gate.Release();
        }
    }

    // Under the gate that settling takes, so that exactly one of the two takes a row written meanwhile out again.
    private static async Task MarkRecordedAsync(ReceiptLedger held, string queueName, string id, HeldDelivery delivery)
    {
        bool settled;
        await delivery.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            delivery.Recorded = true;
            settled = delivery.Settled;
        }
        finally
        {
            delivery.Gate.Release();
        }

        if (settled)
        {
            await held.TryForgetAsync(queueName, id, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The messages this handle holds whose receipts are not in the ledger.</summary>
    public int CountUnrecorded()
    {
        var now = Time.GetUtcNow();
        return _deliveries.Values.Count(d => !d.Recorded && !d.Settled && d.HiddenUntil > now);
    }
}
