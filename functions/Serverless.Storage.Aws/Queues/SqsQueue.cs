using System.Text;
using Amazon.SQS;
using Amazon.SQS.Model;
using Serverless.Storage.Queues;

namespace Serverless.Storage.Aws.Queues;

/// <summary>
/// One queue of the ports on one SQS standard queue. Delays beyond SQS's 15 minutes travel in hops (see
/// <see cref="MessageEnvelope"/>); poison handling is the client's, as on Azure: a message delivered more than
/// <see cref="QueueOptions.MaxDequeueCount"/> times is copied to <c>&lt;queue&gt;-poison</c> (keeping its id) and
/// deleted here. No redrive policy: SQS would count a peek's receive as a delivery.
/// </summary>
internal sealed partial class SqsQueue(string name, string sqsName, SqsQueueContext context) : IQueue
{
    /// <summary>SQS's limit on one message, body and attributes together.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>The largest body: what leaves room for the attributes of a hop.</summary>
    public const int MaxBodyBytes = MaxMessageBytes - 1024;

    /// <summary>The longest SQS delays a message.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    /// <summary>The longest SQS hides a received message.</summary>
    public static readonly TimeSpan MaxVisibility = TimeSpan.FromHours(12);

    // SQS's longest retention: a message not received within it is gone; a hop starts it again.
    private const string RetentionSeconds = "1209600";

    private readonly IAmazonSQS _client = context.Client;
    private Task<string>? _url;

    public string Name { get; } = name;

    /// <summary>The queue's name in SQS (with the provider's prefix).</summary>
    public string SqsName { get; } = sqsName;

    private TimeProvider Time => context.Time;

    public async ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var created = _url is { IsCompletedSuccessfully: true } known ? known : _url = CreateAsync();
        try
        {
            await created.ConfigureAwait(false);
        }
        catch
        {
            // A failed attempt (network, throttling) is retried by the next call rather than remembered.
            _ = Interlocked.CompareExchange(ref _url, null, created);
            throw;
        }
    }

    // Looked up first: where the queue exists (deployed by the CDK app), this needs no CreateQueue permission.
    private async Task<string> CreateAsync()
    {
        try
        {
            return (await _client.GetQueueUrlAsync(SqsName).ConfigureAwait(false)).QueueUrl;
        }
        catch (QueueDoesNotExistException)
        {
        }
        catch (AmazonSQSException e)
        {
            throw SqsErrors.Refused(e);
        }

        var request = new CreateQueueRequest
        {
            QueueName = SqsName,
            Attributes = new() { [QueueAttributeName.MessageRetentionPeriod] = RetentionSeconds },
        };
        try
        {
            return (await _client.CreateQueueAsync(request).ConfigureAwait(false)).QueueUrl;
        }
        catch (QueueNameExistsException)
        {
            // Created by someone else with other attributes: use it as it is.
            return (await _client.GetQueueUrlAsync(SqsName).ConfigureAwait(false)).QueueUrl;
        }
        catch (AmazonSQSException e)
        {
            throw SqsErrors.Refused(e);
        }
    }

    /// <summary>The queue's URL: looked up once, from its creation or its name.</summary>
    private Task<string> UrlAsync() => _url is { IsCompletedSuccessfully: true } url ? url : LookUpAsync();

    private async Task<string> LookUpAsync()
    {
        try
        {
            var url = (await _client.GetQueueUrlAsync(SqsName).ConfigureAwait(false)).QueueUrl;
            _url = Task.FromResult(url);
            return url;
        }
        catch (QueueDoesNotExistException e)
        {
            throw new StorageException($"The queue '{Name}' ({SqsName} in SQS) does not exist.", e);
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
                $"A message of {bytes} bytes does not fit in SQS: at most {MaxBodyBytes} bytes of UTF-8 (SQS's " +
                    $"{MaxMessageBytes} less room for this backend's attributes). Nothing was sent.",
                nameof(body));
        }

        if (delay is { } d && d > MaxDelay)
        {
            var now = Time.GetUtcNow();
            var envelope = new MessageEnvelope(Guid.CreateVersion7().ToString("N"), now, now + d);
            await SendAsync(body, MaxDelay, envelope, cancellationToken).ConfigureAwait(false);
            return envelope.Id;
        }

        return await SendAsync(body, delay, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> SendAsync(
        string body,
        TimeSpan? delay,
        MessageEnvelope? envelope,
        CancellationToken cancellationToken)
    {
        var request = new SendMessageRequest
        {
            QueueUrl = await UrlAsync().ConfigureAwait(false),
            MessageBody = body,
            MessageAttributes = envelope?.ToAttributes(),
        };
        if (delay is { } d && d > TimeSpan.Zero)
        {
            request.DelaySeconds = Seconds(d);
        }

        var response = await Call(() => _client.SendMessageAsync(request, cancellationToken)).ConfigureAwait(false);
        return response.MessageId;
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        var (visible, hidden, delayed) = await CountsAsync(cancellationToken).ConfigureAwait(false);
        return visible + hidden + delayed;
    }

    private async Task<(int Visible, int Hidden, int Delayed)> CountsAsync(CancellationToken cancellationToken)
    {
        var request = new GetQueueAttributesRequest
        {
            QueueUrl = await UrlAsync().ConfigureAwait(false),
            AttributeNames =
            [
                QueueAttributeName.ApproximateNumberOfMessages,
                QueueAttributeName.ApproximateNumberOfMessagesNotVisible,
                QueueAttributeName.ApproximateNumberOfMessagesDelayed,
            ],
        };
        var response = await Call(() => _client.GetQueueAttributesAsync(request, cancellationToken))
            .ConfigureAwait(false);
        return (
            response.ApproximateNumberOfMessages,
            response.ApproximateNumberOfMessagesNotVisible,
            response.ApproximateNumberOfMessagesDelayed);
    }

    // SQS counts whole seconds; rounding up never makes a message visible early.
    private static int Seconds(TimeSpan value) => (int)Math.Ceiling(value.TotalSeconds);

    private static async Task<T> Call<T>(Func<Task<T>> request)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (AmazonSQSException e)
        {
            throw SqsErrors.Refused(e);
        }
    }
}
