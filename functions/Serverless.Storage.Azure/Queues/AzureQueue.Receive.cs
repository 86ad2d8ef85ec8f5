using AzureQueueMessage = Azure.Storage.Queues.Models.QueueMessage;
using QueueMessage = Serverless.Storage.Queues.QueueMessage;

namespace Serverless.Storage.Azure.Queues;

internal sealed partial class AzureQueue
{
    /// <summary>The most messages the service hands out per request.</summary>
    private const int MaxPerRequest = 32;

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        int maxMessages,
        TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);

        // The service hides a received message for at least one second.
        var visibility = visibilityTimeout > TimeSpan.FromSeconds(1)
            ? Seconds(visibilityTimeout, nameof(visibilityTimeout))
            : TimeSpan.FromSeconds(1);
        var asked = visibility;
        if (held is not null && visibility > HeldVisibility)
        {
            visibility = HeldVisibility;
        }

        var received = new List<QueueMessage>();
        while (received.Count < maxMessages)
        {
            var count = Math.Min(MaxPerRequest, maxMessages - received.Count);
            var response = await Call(() => client.ReceiveMessagesAsync(count, visibility, cancellationToken))
                .ConfigureAwait(false);
            var poisoned = 0;
            foreach (var message in response.Value)
            {
                if (message.DequeueCount > options.MaxDequeueCount)
                {
                    await MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
                    poisoned++;
                    continue;
                }

                received.Add(new QueueMessage(
                    message.MessageId,
                    message.PopReceipt,
                    message.Body.ToString(),
                    (int)message.DequeueCount,
                    message.InsertedOn
                        ?? default));
            }

            // Fewer than asked: the queue shows nothing more now. Poisoned ones do not count, so ask again for those.
            if (response.Value.Length < count && poisoned == 0)
            {
                break;
            }

            if (response.Value.Length == 0)
            {
                break;
            }
        }

        if (held is not null && received.Count > 0)
        {
            if (held.RecordsOnReceive)
            {
                await RecordHeldAsync(held, received, cancellationToken).ConfigureAwait(false);
            }

            Track(received, asked, visibility, held.RecordsOnReceive);
        }

        return received;
    }

    // Unrecorded, the messages could not be released if this worker died: hand them back rather than hold them unseen.
    private async Task RecordHeldAsync(
        HeldReceipts ledger,
        List<QueueMessage> received,
        CancellationToken cancellationToken)
    {
        try
        {
            await ledger.RecordAsync(Name, received, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await Task.WhenAll(received.Select(m => ReleaseAsync(m.MessageId, m.PopReceipt, CancellationToken.None)))
                .ConfigureAwait(false);
            throw;
        }
    }

    private async Task ForgetAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        if (held is null)
        {
            return;
        }

        try
        {
            await held.ForgetAsync(Name, message.MessageId, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException)
        {
            // A row left behind only makes a later release try a receipt that is already stale.
        }
    }

    // Copy first, then delete: a crash in between leaves a duplicate in the poison queue, never a lost message.
    private async Task MoveToPoisonAsync(AzureQueueMessage message, CancellationToken cancellationToken)
    {
        var poison = poisonQueue(Name);
        await poison.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await poison.SendAsync(message.Body.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await CompleteAsync(new QueueMessage(message.MessageId, message.PopReceipt, "", 0, default), cancellationToken)
            .ConfigureAwait(false);
    }
}
