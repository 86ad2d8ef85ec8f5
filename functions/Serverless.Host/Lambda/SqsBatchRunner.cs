using System.Collections.Concurrent;
using System.Collections.Frozen;
using Amazon.SQS.Model;
using Serverless.Lambda.Sqs;
using Serverless.Storage.Aws;
using Serverless.Storage.Queues;

namespace Serverless.Host.Lambda;

/// <summary>
/// Runs an SQS event source mapping's batch with the handlers the local pollers call (the engine's wake-ups and work
/// items, the queue functions), all messages at once. A message that succeeds is left for the mapping to delete; one
/// that fails is made visible again after the same back-off a poller would wait and reported as a batch item failure,
/// so it alone comes back. Delay hops and poisoned messages are dealt with as on a receive
/// (<see cref="AwsStorageProvider.AdoptAsync"/>).
/// </summary>
internal sealed class SqsBatchRunner(
    AwsStorageProvider storage,
    IReadOnlyDictionary<string, QueueRoute> routes,
    ILogger<SqsBatchRunner> logger)
    : ISqsBatchHandler
{
    private readonly FrozenDictionary<string, QueueRoute> _routes = routes.ToFrozenDictionary(StringComparer.Ordinal);

    public async Task<IReadOnlyCollection<string>> HandleAsync(
        SqsBatch batch,
        DateTimeOffset deadline,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var failed = new ConcurrentBag<string>();
        await Task.WhenAll(batch.Records.Select(async record =>
        {
            if (!await RunAsync(record, deadline, cancellationToken).ConfigureAwait(false))
            {
                failed.Add(record.MessageId);
            }
        })).ConfigureAwait(false);
        return failed;
    }

    private async Task<bool> RunAsync(SqsBatchRecord record, DateTimeOffset deadline, CancellationToken cancellation)
    {
        if (storage.QueueNameOf(record.QueueName) is not { } queue || !_routes.TryGetValue(queue, out var route))
        {
            // Failed rather than dropped: after its last delivery the queue's redrive policy moves it aside.
            Logs.UnroutedMessage(logger, record.MessageId, record.QueueName);
            return false;
        }

        QueueMessage? message;
        try
        {
            message = await storage.AdoptAsync(queue, ToSqsMessage(record), deadline, cancellation)
                .ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Logs.BatchMessageFailed(logger, exception, route.Name, record.MessageId, 0);
            return false;
        }

        if (message is null)
        {
            return true;
        }

        try
        {
            var completedByHandler = await route.Handler(new QueueCompletion(queue, message), cancellation)
                .ConfigureAwait(false);
            if (!completedByHandler)
            {
                storage.Relinquish(queue, message);
            }

            return true;
        }
        catch (Exception exception)
        {
            var delay = route.Options.GetRetryDelay(message.DequeueCount);
            Logs.BatchMessageFailed(logger, exception, route.Name, message.MessageId, message.DequeueCount);
            await AbandonAsync(queue, route.Name, message, delay).ConfigureAwait(false);
            return false;
        }
    }

    private async Task AbandonAsync(string queue, string handler, QueueMessage message, TimeSpan delay)
    {
        try
        {
            await storage.GetQueue(queue).AbandonAsync(message, delay, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // It comes back when the queue's visibility timeout ends: later than the back-off, but not lost.
            Logs.BatchMessageFailed(logger, exception, handler, message.MessageId, message.DequeueCount);
        }
    }

    private static Message ToSqsMessage(SqsBatchRecord record) => new()
    {
        MessageId = record.MessageId,
        ReceiptHandle = record.ReceiptHandle,
        Body = record.Body,
        Attributes = record.Attributes?.ToDictionary(StringComparer.Ordinal),
        MessageAttributes = record.MessageAttributes?.ToDictionary(
            static a => a.Key,
            static a => new MessageAttributeValue { DataType = a.Value.DataType, StringValue = a.Value.StringValue },
            StringComparer.Ordinal),
    };
}
