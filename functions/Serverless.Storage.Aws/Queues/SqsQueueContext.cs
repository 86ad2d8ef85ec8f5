using Amazon.SQS;
using Serverless.Storage.Queues;

namespace Serverless.Storage.Aws.Queues;

/// <summary>What every queue handle of one provider shares; <see cref="MaxWaitSeconds"/> caps a receive's wait on
/// SQS.</summary>
internal sealed record SqsQueueContext(
    IAmazonSQS Client,
    QueueOptions Options,
    TimeProvider Time,
    Func<string, SqsQueue> QueueByName,
    PeekLedger Peeks,
    ReceiptLedger? Held,
    int MaxWaitSeconds);
