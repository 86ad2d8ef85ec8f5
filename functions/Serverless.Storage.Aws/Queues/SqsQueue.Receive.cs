using System.Collections.Concurrent;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Serverless.Storage.Queues;

namespace Serverless.Storage.Aws.Queues;

internal sealed partial class SqsQueue
{
    /// <summary>The most messages SQS hands out per request.</summary>
    private const int MaxPerRequest = 10;

    private static readonly List<string> SystemAttributes =
        [MessageSystemAttributeName.ApproximateReceiveCount, MessageSystemAttributeName.SentTimestamp];

    private readonly ConcurrentDictionary<string, HeldDelivery> _deliveries = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        int maxMessages,
        TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibilityTimeout, MaxVisibility);
        var asked = TimeSpan.FromSeconds(Math.Max(1, Seconds(visibilityTimeout)));
        var hidden = context.Held is not null && asked > HeldVisibility ? HeldVisibility : asked;
        Forget();

        var received = new List<QueueMessage>();
        while (received.Count < maxMessages)
        {
            var count = Math.Min(MaxPerRequest, maxMessages - received.Count);
            var sentAt = Time.GetUtcNow();
            var messages = await ReceiveRawAsync(count, Seconds(hidden), cancellationToken).ConfigureAwait(false);
            var skipped = 0;
            foreach (var message in messages)
            {
                if (await AcceptAsync(message, sentAt, asked, hidden, cancellationToken).ConfigureAwait(false) is { } m)
                {
                    received.Add(m);
                }
                else
                {
                    skipped++;
                }
            }

            // Fewer than asked: the queue shows nothing more now. Hops and poisoned ones do not count: ask again.
            if (messages.Count == 0 || (messages.Count < count && skipped == 0))
            {
                break;
            }
        }

        if (context.Held is { RecordsOnReceive: true } held && received.Count > 0)
        {
            await RecordHeldAsync(held, received, cancellationToken).ConfigureAwait(false);
        }

        if (context.Held is not null && received.Count > 0)
        {
            StartRenewal();
        }

        return received;
    }

    private async Task<List<Message>> ReceiveRawAsync(int count, int visibilitySeconds, CancellationToken token)
    {
        var request = new ReceiveMessageRequest
        {
            QueueUrl = await UrlAsync().ConfigureAwait(false),
            MaxNumberOfMessages = count,
            VisibilityTimeout = visibilitySeconds,
            WaitTimeSeconds = 0,
            MessageSystemAttributeNames = SystemAttributes,
            MessageAttributeNames = MessageEnvelope.AttributeNames,
        };
        var response = await Call(() => _client.ReceiveMessageAsync(request, token)).ConfigureAwait(false);
        return response.Messages ?? [];
    }

    /// <summary>
    /// The port's message for one SQS delivery, or <see langword="null"/> when it is not one: a hop not yet due (sent
    /// on with the rest of its delay) or a message past its last delivery (moved to the poison queue).
    /// </summary>
    private async Task<QueueMessage?> AcceptAsync(
        Message message,
        DateTimeOffset sentAt,
        TimeSpan asked,
        TimeSpan hidden,
        CancellationToken cancellationToken)
    {
        var envelope = MessageEnvelope.Read(message);
        var now = Time.GetUtcNow();
        if (envelope is { DueAt: { } due } && due > now)
        {
            await ForwardAsync(message, envelope, due - now, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var receives = ReceiveCount(message);
        var looks = receives > 1
            ? await context.Peeks.CountAsync(SqsName, message.MessageId, receives, cancellationToken)
                .ConfigureAwait(false)
            : 0;
        if (receives - looks > context.Options.MaxDequeueCount)
        {
            await MoveToPoisonAsync(message, envelope, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var id = envelope?.Id ?? message.MessageId;
        _deliveries[id] = new HeldDelivery(message.MessageId, message.ReceiptHandle, sentAt + asked)
        {
            HiddenUntil = sentAt + hidden,
            Peeked = looks > 0,
        };
        return new QueueMessage(id, message.ReceiptHandle, message.Body, receives - looks, SentAt(message, envelope));
    }

    // Send first, then delete: a crash in between leaves the hop twice, never lost.
    private async Task ForwardAsync(
        Message message,
        MessageEnvelope envelope,
        TimeSpan remaining,
        CancellationToken cancellationToken)
    {
        var delay = remaining > MaxDelay ? MaxDelay : remaining;
        await SendAsync(message.Body, delay, envelope, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
    }

    // Copy first, then delete: a crash in between leaves a duplicate in the poison queue, never a lost message.
    private async Task MoveToPoisonAsync(
        Message message,
        MessageEnvelope? envelope,
        CancellationToken cancellationToken)
    {
        var poison = context.QueueByName(StorageNames.PoisonQueueFor(Name));
        await poison.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await poison.SendCopyAsync(message, envelope, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
        await context.Peeks.ForgetAsync(SqsName, message.MessageId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="message"/> (from another queue) here, visible at once, keeping its id.</summary>
    private Task<string> SendCopyAsync(Message message, MessageEnvelope? envelope, CancellationToken token) =>
        SendAsync(
            message.Body,
            null,
            new MessageEnvelope(envelope?.Id ?? message.MessageId, Time.GetUtcNow(), null),
            token);

    private async Task DeleteAsync(string receipt, CancellationToken cancellationToken)
    {
        var request = new DeleteMessageRequest
        {
            QueueUrl = await UrlAsync().ConfigureAwait(false),
            ReceiptHandle = receipt,
        };
        await Call(() => _client.DeleteMessageAsync(request, cancellationToken)).ConfigureAwait(false);
    }

    // Unrecorded, the messages could not be released if this worker died: hand them back rather than hold them unseen.
    private async Task RecordHeldAsync(
        ReceiptLedger ledger,
        List<QueueMessage> received,
        CancellationToken cancellationToken)
    {
        try
        {
            await ledger.RecordAsync(Name, received.Select(m => (m.MessageId, m.PopReceipt)), cancellationToken)
                .ConfigureAwait(false);
            foreach (var message in received)
            {
                if (_deliveries.TryGetValue(message.MessageId, out var delivery))
                {
                    delivery.Recorded = true;
                }
            }
        }
        catch
        {
            await Task.WhenAll(received.Select(m => ReleaseAsync(m.PopReceipt, CancellationToken.None)))
                .ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Drops the deliveries whose visibility has run out: they can no longer be settled.</summary>
    private void Forget()
    {
        var now = Time.GetUtcNow();
        foreach (var (id, delivery) in _deliveries)
        {
            if (delivery.HiddenUntil <= now)
            {
                _deliveries.TryRemove(new KeyValuePair<string, HeldDelivery>(id, delivery));
            }
        }
    }

    private static int ReceiveCount(Message message) =>
        message.Attributes?.TryGetValue(MessageSystemAttributeName.ApproximateReceiveCount, out var count) == true
            ? int.Parse(count, CultureInfo.InvariantCulture)
            : 1;

    private static DateTimeOffset SentAt(Message message, MessageEnvelope? envelope) =>
        envelope?.SentAt
        ?? (message.Attributes?.TryGetValue(MessageSystemAttributeName.SentTimestamp, out var sent) == true
            ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(sent, CultureInfo.InvariantCulture))
            : default);
}
