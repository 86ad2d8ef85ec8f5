using Amazon.SQS.Model;
using Serverless.Storage.Queues;

namespace Serverless.Storage.Aws.Queues;

internal sealed partial class SqsQueue
{
    /// <summary>How long the messages looked through by <see cref="TakeAsync"/> are hidden before they are put back.
    /// </summary>
    private const int LookThroughSeconds = 30;

    /// <summary>
    /// Up to <paramref name="maxMessages"/> visible messages, oldest first, by receiving with visibility 0 (SQS has no
    /// peek): each receive asks for as many as SQS hands out, so that every visible message it takes goes back in the
    /// order it had. The receive counts this raises are recorded as looks (<see cref="PeekLedger"/>), so the messages'
    /// dequeue counts stay as they were. Hops not yet due are scheduled, not shown.
    /// </summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, Message>(StringComparer.Ordinal);
        while (seen.Count < maxMessages)
        {
            var messages = await ReceiveRawAsync(MaxPerRequest, 0, cancellationToken).ConfigureAwait(false);
            var added = messages.Count(m => seen.TryAdd(m.MessageId, m));
            if (added == 0 || messages.Count < MaxPerRequest)
            {
                break;
            }
        }

        await RecordLooksAsync(seen.Values, cancellationToken).ConfigureAwait(false);
        var now = Time.GetUtcNow();
        var peeked = new List<PeekedMessage>();
        foreach (var message in seen.Values.OrderBy(m => SentAt(message: m, envelope: null)))
        {
            var envelope = MessageEnvelope.Read(message);
            if (envelope is { DueAt: { } due } && due > now)
            {
                continue;
            }

            // Received once, by this look: nothing before it to take away.
            var receives = ReceiveCount(message);
            var looks = receives > 1
                ? await context.Peeks.CountAsync(SqsName, message.MessageId, receives, cancellationToken)
                    .ConfigureAwait(false)
                : 1;
            peeked.Add(new PeekedMessage(
                envelope?.Id ?? message.MessageId,
                message.Body,
                receives - looks,
                SentAt(message, envelope)));
        }

        return peeked.Take(maxMessages).ToList();
    }

    /// <summary>
    /// Finds the visible message <paramref name="messageId"/> among the first
    /// <see cref="IQueueAdministration.MaxPeek"/>, hands it to <paramref name="keep"/> (e.g. a send to another
    /// queue), then deletes it. The others received on the way are made visible again at once, their receives recorded
    /// as looks. No poison rule applies here.
    /// </summary>
    public async Task<bool> TakeAsync(
        string messageId,
        Func<Message, MessageEnvelope?, Task> keep,
        CancellationToken cancellationToken)
    {
        var looked = new List<Message>();
        Message? found = null;
        while (found is null && looked.Count < IQueueAdministration.MaxPeek)
        {
            var messages = await ReceiveRawAsync(MaxPerRequest, LookThroughSeconds, cancellationToken)
                .ConfigureAwait(false);
            looked.AddRange(messages);
            found = messages.FirstOrDefault(m => IsVisible(m, messageId));
            if (messages.Count < MaxPerRequest)
            {
                break;
            }
        }

        var others = looked.Where(m => m != found).ToList();
        await RecordLooksAsync(others, cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            await keep(found, MessageEnvelope.Read(found)).ConfigureAwait(false);
            await DeleteAsync(found.ReceiptHandle, cancellationToken).ConfigureAwait(false);
            await context.Peeks.ForgetAsync(SqsName, found.MessageId, cancellationToken).ConfigureAwait(false);
        }

        foreach (var message in others)
        {
            await ReleaseAsync(message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
        }

        return found is not null;
    }

    /// <summary>
    /// The depth from SQS's approximate counts: visible messages are ready, in-flight and delayed ones scheduled. The
    /// oldest ready message is found by a peek (so counts are read after it, once it has put back what it took).
    /// </summary>
    public async Task<QueueDepth> GetDepthAsync(CancellationToken cancellationToken)
    {
        var oldest = await PeekAsync(1, cancellationToken).ConfigureAwait(false);
        var (visible, hidden, delayed) = await CountsAsync(cancellationToken).ConfigureAwait(false);
        return new QueueDepth(
            visible,
            hidden + delayed,
            visible == 0 || oldest.Count == 0 ? null : oldest[0].InsertedAt,
            IsApproximate: true);
    }

    /// <summary>Sends <paramref name="message"/> from another queue here, visible at once, counted afresh.</summary>
    public Task<string> SendMovedAsync(Message message, MessageEnvelope? envelope, CancellationToken token) =>
        SendCopyAsync(message, envelope, token);

    private async Task RecordLooksAsync(IEnumerable<Message> looked, CancellationToken cancellationToken)
    {
        var looks = looked.Select(m => (m.MessageId, ReceiveCount(m))).ToList();
        if (looks.Count > 0)
        {
            await context.Peeks.RecordAsync(SqsName, looks, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether <paramref name="message"/> is the port's <paramref name="messageId"/>, due now.</summary>
    private bool IsVisible(Message message, string messageId)
    {
        var envelope = MessageEnvelope.Read(message);
        return (envelope?.Id ?? message.MessageId) == messageId
            && (envelope?.DueAt is not { } due || due <= Time.GetUtcNow());
    }
}
