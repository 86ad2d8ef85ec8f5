using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Constructs;

namespace Serverless.Infra.Aws;

/// <summary>
/// An alarm per poison queue as soon as one message is visible in it: a poisoned message is an order step that failed
/// every delivery and waits for an operator (the poison-queue routes of docs/api.md). No action is attached: add an
/// SNS topic to notify.
/// </summary>
internal sealed class DeadLetterAlarms : Construct
{
    public DeadLetterAlarms(Construct scope, string id, IEnumerable<WorkQueue> queues)
        : base(scope, id)
    {
        foreach (var queue in queues)
        {
            _ = new Alarm(this, queue.Name, new AlarmProps
            {
                AlarmDescription = $"Messages in {queue.Name}'s poison queue: an order step failed every delivery.",
                Metric = queue.Poison.MetricApproximateNumberOfMessagesVisible(new MetricOptions
                {
                    Period = Duration.Minutes(1),
                    Statistic = "Maximum",
                }),
                Threshold = 0,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
                EvaluationPeriods = 1,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            });
        }
    }
}
