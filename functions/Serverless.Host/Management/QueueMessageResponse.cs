using Serverless.Storage;
using Serverless.Storage.Queues;

namespace Serverless.Host.Management;

/// <summary>A message of a poison queue, as looked at (not received).</summary>
/// <param name="Id">Its message id in the poison queue.</param>
/// <param name="Queue">The poison queue.</param>
/// <param name="OriginalQueue">The queue it failed on.</param>
/// <param name="Body">Its body, verbatim.</param>
/// <param name="DequeueCount">How often it was received from the poison queue (0 unless someone received it there; the
/// failed deliveries were counted on the original queue).</param>
/// <param name="InsertedAt">When it arrived in the poison queue.</param>
internal sealed record QueueMessageResponse(
    string Id,
    string Queue,
    string OriginalQueue,
    string Body,
    int DequeueCount,
    DateTimeOffset InsertedAt)
{
    public static QueueMessageResponse From(PeekedMessage message, string originalQueue) =>
        new(
            message.MessageId,
            StorageNames.PoisonQueueFor(originalQueue),
            originalQueue,
            message.Body,
            message.DequeueCount,
            message.InsertedAt);
}
