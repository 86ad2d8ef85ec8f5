using Amazon.CDK;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace Serverless.Infra.Aws;

/// <summary>
/// Every queue of <see cref="QueueNames.Work"/> with its <c>-poison</c> queue as SQS dead-letter queue: the app moves
/// a message there after <see cref="QueueNames.MaxDequeueCount"/> deliveries, and the redrive after
/// <see cref="QueueNames.RedriveAfter"/> receives is the backstop. Encrypted with SQS-managed keys (SSE-SQS), HTTPS enforced.
/// </summary>
internal sealed class WorkQueues : Construct
{
    // SQS's longest retention: a delayed message (the app sends hops of up to 15 minutes) or a poisoned one waits.
    private static readonly Duration Retention = Duration.Days(14);

    public WorkQueues(Construct scope, string id, string prefix, Duration visibilityTimeout)
        : base(scope, id)
    {
        All = QueueNames.Work.Select(name =>
        {
            var poison = new Amazon.CDK.AWS.SQS.Queue(this, QueueNames.Poison(name), new QueueProps
            {
                QueueName = QueueNames.InSqs(prefix, QueueNames.Poison(name)),
                RetentionPeriod = Retention,
                Encryption = QueueEncryption.SQS_MANAGED,
                EnforceSSL = true,
            });
            var queue = new Amazon.CDK.AWS.SQS.Queue(this, name, new QueueProps
            {
                QueueName = QueueNames.InSqs(prefix, name),
                RetentionPeriod = Retention,
                VisibilityTimeout = visibilityTimeout,
                Encryption = QueueEncryption.SQS_MANAGED,
                EnforceSSL = true,
                DeadLetterQueue = new DeadLetterQueue { Queue = poison, MaxReceiveCount = QueueNames.RedriveAfter },
            });
            return new WorkQueue(name, queue, poison);
        }).ToList();
    }

    public IReadOnlyList<WorkQueue> All { get; }
}
