using Azure;
using Serverless.Storage.Queues;

namespace Serverless.Storage.Azure.Queues;

internal sealed partial class AzureQueue
{
    /// <summary>
    /// How long the messages looked through by <see cref="TakeAsync"/> are hidden before they are put back.
    /// </summary>
    private static readonly TimeSpan LookThroughVisibility = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages, CancellationToken cancellationToken)
    {
        var peeked = await Call(() => client.PeekMessagesAsync(maxMessages, cancellationToken)).ConfigureAwait(false);
        return peeked.Value.Select(m => new PeekedMessage(
            m.MessageId,
            m.Body.ToString(),
            (int)m.DequeueCount,
            m.InsertedOn ?? default))
            .ToList();
    }

    public async Task<QueueDepth> GetDepthAsync(CancellationToken cancellationToken)
    {
        var peeked = await PeekAsync(IQueueAdministration.MaxPeek, cancellationToken).ConfigureAwait(false);
        var total = await CountAsync(cancellationToken).ConfigureAwait(false);
        return new QueueDepth(
            peeked.Count,
            Math.Max(0, total - peeked.Count),
            peeked.Count == 0 ? null : peeked.Min(m => m.InsertedAt),
            IsApproximate: true);
    }

    /// <summary>
    /// Finds the visible message <paramref name="messageId"/> among the first 32, hands its body to
    /// <paramref name="keep"/> (e.g. a send to another queue), then deletes it. The service addresses a message only
    /// through a receive, so the others received on the way are made visible again at once (their dequeue counts grow
    /// by one). No poison rule applies here.
    /// </summary>
    public async Task<bool> TakeAsync(string messageId, Func<string, Task> keep, CancellationToken cancellationToken)
    {
        var received = await Call(() => client.ReceiveMessagesAsync(
            MaxPerRequest,
            LookThroughVisibility,
            cancellationToken))
            .ConfigureAwait(false);
        var found = false;
        foreach (var message in received.Value)
        {
            if (message.MessageId == messageId)
            {
                found = true;
                await keep(message.Body.ToString()).ConfigureAwait(false);
                await Call(() => client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken))
                    .ConfigureAwait(false);
            }
            else
            {
                await ReleaseAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            }
        }

        return found;
    }

    /// <summary>
    /// Makes a hidden message visible at once with a new pop receipt; a stale receipt (completed, received again) is
    /// not an error.
    /// </summary>
    public async Task<bool> ReleaseAsync(string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await client.UpdateMessageAsync(
                messageId,
                popReceipt,
                visibilityTimeout: TimeSpan.Zero,
                cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (IsStaleReceipt(e))
        {
            return false;
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Queue(e);
        }
    }
}
