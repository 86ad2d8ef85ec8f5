using System.Globalization;
using Amazon.SQS.Model;

namespace Serverless.Testing.Lambda;

/// <summary>One queue's loop: receive a batch, invoke the function with it, settle it from the answer.</summary>
public sealed partial class SqsEventSourceMapping
{
    private async Task PumpAsync(MappedQueue queue, CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await _gate.PassAsync(stopping);
                    var messages = await ReceiveAsync(queue, stopping);
                    if (messages.Count == 0)
                    {
                        continue;
                    }

                    if (_gate.IsPaused)
                    {
                        await ReleaseAsync(queue, messages, stopping);
                        continue;
                    }

                    await DeliverAsync(queue, messages, stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    LastError = e;
                    await WaitBeforeRetryAsync(stopping);
                }
            }
        }
        finally
        {
            _gate.Leave();
        }
    }

    private async Task<List<Message>> ReceiveAsync(MappedQueue queue, CancellationToken stopping)
    {
        var response = await _sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = queue.Url,
                MaxNumberOfMessages = _options.BatchSize,
                WaitTimeSeconds = _options.WaitTimeSeconds,
                MessageSystemAttributeNames = ["All"],
                MessageAttributeNames = ["All"],
            },
            stopping);
        return response.Messages ?? [];
    }

    private async Task DeliverAsync(MappedQueue queue, List<Message> messages, CancellationToken stopping)
    {
        var eventJson = SqsEventJson.Build(queue, messages, _options.Region);
        Interlocked.Increment(ref _batchesDelivered);
        var result = await _runtime.InvokeAsync(eventJson, _options.FunctionTimeout, stopping);
        var batch = messages.Select(message => message.MessageId).ToHashSet(StringComparer.Ordinal);
        var failed = result.IsError ? null : PartialBatchResponse.FailedMessageIds(result.Body, batch);
        if (failed is null)
        {
            Interlocked.Increment(ref _batchesFailed);
            return;
        }

        Interlocked.Add(ref _itemFailuresReported, failed.Count);
        var done = messages.Where(message => !failed.Contains(message.MessageId)).ToList();
        if (done.Count > 0)
        {
            await DeleteAsync(queue, done, stopping);
        }
    }

    private async Task DeleteAsync(MappedQueue queue, List<Message> messages, CancellationToken stopping)
    {
        var response = await _sqs.DeleteMessageBatchAsync(
            new DeleteMessageBatchRequest
            {
                QueueUrl = queue.Url,
                Entries = [.. messages.Select((message, index) => new DeleteMessageBatchRequestEntry
                {
                    Id = index.ToString(CultureInfo.InvariantCulture),
                    ReceiptHandle = message.ReceiptHandle,
                })],
            },
            stopping);
        Interlocked.Add(ref _messagesDeleted, response.Successful?.Count ?? 0);
        if (response.Failed is [var first, ..])
        {
            LastError = new InvalidOperationException(
                $"DeleteMessageBatch failed for {response.Failed.Count} of {messages.Count}: {first.Code} "
                + first.Message);
        }
    }

    private async Task ReleaseAsync(MappedQueue queue, List<Message> messages, CancellationToken stopping)
    {
        foreach (var message in messages)
        {
            await _sqs.ChangeMessageVisibilityAsync(
                new ChangeMessageVisibilityRequest
                {
                    QueueUrl = queue.Url,
                    ReceiptHandle = message.ReceiptHandle,
                    VisibilityTimeout = 0,
                },
                stopping);
        }
    }

    private static async Task WaitBeforeRetryAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(RetryDelay, stopping);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
