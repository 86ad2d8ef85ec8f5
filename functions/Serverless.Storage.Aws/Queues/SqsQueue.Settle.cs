using Amazon.SQS.Model;
using Serverless.Storage.Queues;

namespace Serverless.Storage.Aws.Queues;

internal sealed partial class SqsQueue
{
    /// <summary>
    /// How long before a delivery's visibility ends it is no longer settled: a delete sent later might reach SQS after
    /// the message was handed out again.
    /// </summary>
    private static readonly TimeSpan SettleMargin = TimeSpan.FromSeconds(1);

    public async Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await SettleAsync(
                message,
                async delivery =>
                {
                    await DeleteAsync(delivery.Receipt, cancellationToken).ConfigureAwait(false);
                    if (delivery.Peeked)
                    {
                        await context.Peeks.ForgetAsync(SqsName, delivery.SqsMessageId, cancellationToken)
                            .ConfigureAwait(false);
                    }

                    return true;
                },
                cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<bool> AbandonAsync(
        QueueMessage message,
        TimeSpan delay,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delay, MaxVisibility);
        var seconds = delay > TimeSpan.Zero ? Seconds(delay) : 0;
        return await SettleAsync(
                message,
                delivery => ChangeVisibilityAsync(delivery.Receipt, seconds, cancellationToken),
                cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Settles a delivery this handle handed out and still vouches for: not settled yet, hidden for at least
    /// <see cref="SettleMargin"/> more, and, when it is in the worker's ledger, not released (its row is deleted
    /// first: a released message has none). Any other receipt is stale: SQS would accept a delete with it and might
    /// delete the message under its new holder.
    /// </summary>
    private async Task<bool> SettleAsync(
        QueueMessage message,
        Func<HeldDelivery, Task<bool>> settle,
        CancellationToken cancellationToken)
    {
        if (!_deliveries.TryGetValue(message.MessageId, out var delivery) || delivery.Receipt != message.PopReceipt)
        {
            return false;
        }

        await delivery.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (delivery.Settled)
            {
                return false;
            }

            delivery.Settled = true;
            _deliveries.TryRemove(new KeyValuePair<string, HeldDelivery>(message.MessageId, delivery));
            if (Time.GetUtcNow() >= delivery.HiddenUntil - SettleMargin)
            {
                return false;
            }

            if (delivery.Recorded && context.Held is { } held
                && !await held.TryForgetAsync(Name, message.MessageId, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            return await settle(delivery).ConfigureAwait(false);
        }
        finally
        {
            delivery.Gate.Release();
        }
    }

    /// <summary>
    /// Changes a received message's visibility; <see langword="false"/> when SQS says the receipt no longer holds it.
    /// </summary>
    private async Task<bool> ChangeVisibilityAsync(string receipt, int seconds, CancellationToken cancellationToken)
    {
        var request = new ChangeMessageVisibilityRequest
        {
            QueueUrl = await UrlAsync().ConfigureAwait(false),
            ReceiptHandle = receipt,
            VisibilityTimeout = seconds,
        };
        try
        {
            await _client.ChangeMessageVisibilityAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is MessageNotInflightException or ReceiptHandleIsInvalidException)
        {
            return false;
        }
        catch (Amazon.SQS.AmazonSQSException e) when (e.ErrorCode == "InvalidParameterValue")
        {
            // What SQS answers for a receipt whose message was deleted or received again.
            return false;
        }
        catch (Amazon.SQS.AmazonSQSException e)
        {
            throw SqsErrors.Refused(e);
        }
    }

    /// <summary>Makes a hidden message visible at once; a stale receipt is not an error.</summary>
    public Task<bool> ReleaseAsync(string receipt, CancellationToken cancellationToken) =>
        ChangeVisibilityAsync(receipt, 0, cancellationToken);
}
