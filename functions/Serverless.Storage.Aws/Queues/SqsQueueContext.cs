using Amazon.SQS;
using Serverless.Storage.Queues;

namespace Serverless.Storage.Aws.Queues;

/// <summary>What every queue handle of one provider shares.</summary>
internal sealed record SqsQueueContext(
    IAmazonSQS Client,
    QueueOptions Options,
    TimeProvider Time,
    Func<string, SqsQueue> QueueByName,
    PeekLedger Peeks,
    ReceiptLedger? Held);
