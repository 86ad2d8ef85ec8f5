using System.Collections.Concurrent;
using Azure;
using QueueMessage = Serverless.Storage.Queues.QueueMessage;

namespace Serverless.Storage.Azure.Queues;

internal sealed partial class AzureQueue
{
    /// <summary>
    /// How long a message received by a worker (<see cref="Serverless.Storage.Queues.QueueOptions.WorkerId"/> set) is
    /// hidden at a time. Its pop receipt reaches the worker's ledger only after the receive, so a worker killed in
    /// between leaves messages nobody can release: this bounds how long they stay hidden. While the handler runs, the
    /// message is hidden again every <see cref="RenewEvery"/>, up to the visibility timeout the receiver asked for.
    /// </summary>
    public static readonly TimeSpan HeldVisibility = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, HeldMessage> _renewed = new(StringComparer.Ordinal);
    private Timer? _renewal;
    private int _renewing;

    private void Track(
        IReadOnlyList<QueueMessage> received, TimeSpan visibilityAsked, TimeSpan hiddenFor, bool recorded)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var message in received)
        {
            _renewed[message.MessageId] = new HeldMessage(
                message.PopReceipt,
                now + visibilityAsked) { HiddenUntil = now + hiddenFor, Recorded = recorded };
        }

        if (_renewal is null)
        {
            var timer = new Timer(
                static state => _ = ((AzureQueue)state!).RenewAsync(),
                this,
                Timeout.Infinite,
                Timeout.Infinite);
            if (Interlocked.CompareExchange(ref _renewal, timer, null) is null)
            {
                timer.Change(RenewEvery, RenewEvery);
            }
            else
            {
                timer.Dispose();
            }
        }
    }

    /// <summary>
    /// Completes or abandons <paramref name="message"/> with its latest pop receipt (renewal changes it), never while a
    /// renewal runs for it, stops renewing it, and takes its receipt out of the ledger if it was recorded there. A
    /// message this worker does not renew is settled with its own receipt.
    /// </summary>
    private async Task<bool> SettleAsync(
        QueueMessage message, Func<string, Task<bool>> settle, CancellationToken cancellationToken)
    {
        bool settled, recorded;
        if (!_renewed.TryGetValue(message.MessageId, out var entry) || entry.Received != message.PopReceipt)
        {
            settled = await settle(message.PopReceipt).ConfigureAwait(false);
            recorded = true;
        }
        else
        {
            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _renewed.TryRemove(new KeyValuePair<string, HeldMessage>(message.MessageId, entry));
                entry.Settled = true;
                settled = await settle(entry.Receipt).ConfigureAwait(false);
                recorded = entry.Recorded;
            }
            finally
            {
                entry.Gate.Release();
            }
        }

        if (settled && recorded)
        {
            await ForgetAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return settled;
    }

    private async Task RenewAsync()
    {
        if (Interlocked.Exchange(ref _renewing, 1) == 1)
        {
            return;
        }

        try
        {
            var renewed = new List<QueueMessage>();
            var entries = new List<HeldMessage>();
            foreach (var (messageId, entry) in _renewed)
            {
                var now = DateTimeOffset.UtcNow;
                if (now >= entry.Until)
                {
                    // The visibility the receiver asked for has run out: the message reappears, as without renewal.
                    _renewed.TryRemove(new KeyValuePair<string, HeldMessage>(messageId, entry));
                    continue;
                }

                if (entry.HiddenUntil - now > RenewEvery * 2)
                {
                    continue;
                }

                if (await RenewAsync(messageId, entry, now).ConfigureAwait(false) is { } receipt)
                {
                    renewed.Add(new QueueMessage(messageId, receipt, "", 0, default));
                    entries.Add(entry);
                }
            }

            // A message held this long is worth recording: if this worker dies, another releases it at once.
            if (held is not null && renewed.Count > 0)
            {
                await held.RecordAsync(Name, renewed, CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < entries.Count; i++)
                {
                    await MarkRecordedAsync(renewed[i], entries[i]).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is StorageException or RequestFailedException or OperationCanceledException)
        {
            // The next round tries again; a message not renewed in time reappears, which is late work, never lost work.
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    /// <summary>The messages this worker holds now whose receipts are not in the ledger (settled within a renewal).
    /// </summary>
    public int CountUnrecorded() => _renewed.Values.Count(static e => !e.Recorded && !e.Settled);

    // Under the gate that settling takes, so that exactly one of the two takes a receipt settled meanwhile out again.
    private async Task MarkRecordedAsync(QueueMessage message, HeldMessage entry)
    {
        bool settled;
        await entry.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            entry.Recorded = true;
            settled = entry.Settled;
        }
        finally
        {
            entry.Gate.Release();
        }

        if (settled)
        {
            await ForgetAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<string?> RenewAsync(string messageId, HeldMessage entry, DateTimeOffset now)
    {
        await entry.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (entry.Settled)
            {
                return null;
            }

            var remaining = entry.Until - now;
            var hide = TimeSpan.FromSeconds(Math.Max(
                1,
                Math.Ceiling((remaining < HeldVisibility ? remaining : HeldVisibility).TotalSeconds)));
            try
            {
                var response = await client.UpdateMessageAsync(messageId, entry.Receipt, visibilityTimeout: hide)
                    .ConfigureAwait(false);
                entry.Receipt = response.Value.PopReceipt;
                entry.HiddenUntil = now + hide;
                return entry.Receipt;
            }
            catch (RequestFailedException e) when (IsStaleReceipt(e))
            {
                // Released to another worker or deleted: nothing of ours to renew.
                _renewed.TryRemove(new KeyValuePair<string, HeldMessage>(messageId, entry));
                return null;
            }
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>One delivery this worker keeps hidden: the receipt it was handed and the latest one.</summary>
    private sealed class HeldMessage(string received, DateTimeOffset until)
    {
        public string Received { get; } = received;

        public DateTimeOffset Until { get; } = until;

        public string Receipt { get; set; } = received;

        public DateTimeOffset HiddenUntil { get; set; }

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public bool Settled { get; set; }

        /// <summary>Whether a receipt of it is in the ledger (written at the receive or at a renewal).</summary>
        public bool Recorded { get; set; }
    }
}
