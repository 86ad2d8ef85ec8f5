using System.Text;
using Azure;
using Azure.Storage.Queues;
using Serverless.Storage.Queues;

namespace Serverless.Storage.Azure.Queues;

/// <summary>
/// One queue of the ports on one Storage queue. Bodies travel Base64-encoded (what Azure Functions' queue trigger
/// expects by default); messages never expire. Poison handling is the client's job on Azure, as in the Functions
/// host: a message received more than <see cref="QueueOptions.MaxDequeueCount"/> times is copied to
/// <c>&lt;queue&gt;-poison</c> and deleted here (the copy gets a new message id: the service assigns ids).
/// </summary>
internal sealed partial class AzureQueue(
    string name,
    QueueClient client,
    QueueOptions options,
    Func<string,
    AzureQueue> poisonQueue,
    HeldReceipts? held = null)
    : IQueue
{
    /// <summary>The service's limit on one message as sent (after Base64).</summary>
    public const int MaxEncodedMessageBytes = 64 * 1024;

    /// <summary>The largest body that fits once Base64-encoded.</summary>
    public const int MaxBodyBytes = MaxEncodedMessageBytes / 4 * 3;

    /// <summary>The longest the service hides a message (delay or visibility timeout).</summary>
    public static readonly TimeSpan MaxHidden = TimeSpan.FromDays(7);

    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private Task? _created;

    public string Name { get; } = name;

    public async ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var created = _created ??= Call(() => client.CreateIfNotExistsAsync());
        try
        {
            await created.ConfigureAwait(false);
        }
        catch
        {
            // A failed attempt (network, throttling) is retried by the next call rather than remembered.
            _ = Interlocked.CompareExchange(ref _created, null, created);
            throw;
        }
    }

    public async Task<string> SendAsync(
        string body,
        TimeSpan? delay = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var bytes = Encoding.UTF8.GetByteCount(body);
        if (bytes > MaxBodyBytes)
        {
            throw new ArgumentException(
                $"A message of {bytes} bytes does not fit in Azure Storage Queues: at most {MaxBodyBytes} bytes of " +
                    $"UTF-8 ({MaxEncodedMessageBytes} once Base64-encoded). Nothing was sent.",
                nameof(body));
        }

        var visibility = delay is { } d && d > TimeSpan.Zero ? Seconds(d, nameof(delay)) : (TimeSpan?)null;
        var receipt = await Call(() => client.SendMessageAsync(body, visibility, NeverExpires, cancellationToken))
            .ConfigureAwait(false);
        return receipt.Value.MessageId;
    }

    public async Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await SettleAsync(
                message, receipt => DeleteAsync(message, receipt, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<bool> DeleteAsync(QueueMessage message, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteMessageAsync(message.MessageId, popReceipt, cancellationToken).ConfigureAwait(false);
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

    public async Task<bool> AbandonAsync(
        QueueMessage message,
        TimeSpan delay,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var visibility = delay > TimeSpan.Zero ? Seconds(delay, nameof(delay)) : TimeSpan.Zero;
        return await SettleAsync(
                message, receipt => UpdateAsync(message, receipt, visibility, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<bool> UpdateAsync(
        QueueMessage message,
        string popReceipt,
        TimeSpan visibility,
        CancellationToken cancellationToken)
    {
        try
        {
            await client.UpdateMessageAsync(
                message.MessageId,
                popReceipt,
                visibilityTimeout: visibility,
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

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        var properties = await Call(() => client.GetPropertiesAsync(cancellationToken)).ConfigureAwait(false);
        return properties.Value.ApproximateMessagesCount;
    }

    // The service counts whole seconds; rounding up never makes a message visible early.
    private static TimeSpan Seconds(TimeSpan value, string parameter)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxHidden, parameter);
        return TimeSpan.FromSeconds(Math.Ceiling(value.TotalSeconds));
    }

    // A stale or foreign pop receipt: the message was handed out again, updated, or deleted.
    private static bool IsStaleReceipt(RequestFailedException e) =>
        e.Status == 404 || e.ErrorCode is "PopReceiptMismatch" or "MessageNotFound" or "InvalidQueryParameterValue";

    private static async Task<T> Call<T>(Func<Task<T>> request)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Queue(e);
        }
    }
}
