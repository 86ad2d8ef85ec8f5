using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;

namespace Serverless.Infra.Aws;

/// <summary>
/// One event source mapping per work queue: Lambda polls the queue and hands the function batches of up to
/// <see cref="BatchSize"/> messages, reporting failures per message (<c>batchItemFailures</c>), so one failing message
/// is redelivered alone. No batching window: a saga moves through several queues in turn, and each wait adds to it.
/// </summary>
internal static class QueueTriggers
{
    /// <summary>SQS's most per receive; a larger batch needs a batching window.</summary>
    public const int BatchSize = 10;

    /// <summary>
    /// AWS's guidance for SQS event sources: the queue's visibility timeout at least six times the function's
    /// timeout (plus the batching window, here none), so a batch retried after throttling is not redelivered meanwhile.
    /// </summary>
    public static Duration VisibilityTimeout(int functionTimeoutSeconds) =>
        Duration.Seconds(6 * functionTimeoutSeconds);

    // Mappings added directly rather than through SqsEventSource, which would add its own grant to the role.
    public static void Add(Amazon.CDK.AWS.Lambda.Function function, IEnumerable<WorkQueue> queues)
    {
        foreach (var queue in queues)
        {
            function.AddEventSourceMapping(queue.Name, new EventSourceMappingOptions
            {
                EventSourceArn = queue.Queue.QueueArn,
                BatchSize = BatchSize,
                ReportBatchItemFailures = true,
                Enabled = true,
            });
        }
    }
}
