using Amazon.CDK.AWS.SQS;

namespace Serverless.Infra.Aws;

/// <summary>One of the app's queues (its name without prefix), the SQS queue and its dead-letter queue.</summary>
internal sealed record WorkQueue(string Name, IQueue Queue, IQueue Poison);
