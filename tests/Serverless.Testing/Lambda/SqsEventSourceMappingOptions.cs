namespace Serverless.Testing.Lambda;

/// <summary>How a <see cref="SqsEventSourceMapping"/> reads its queues and describes them in the events.</summary>
public sealed class SqsEventSourceMappingOptions
{
    /// <summary>The region named in each record's <c>awsRegion</c> and queue ARN.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The account named in each queue ARN.</summary>
    public string AccountId { get; init; } = "000000000000";

    /// <summary>The most messages one invocation carries (SQS's own maximum for a receive is 10).</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>The long poll of each receive: short, so pausing and disposing are quick.</summary>
    public int WaitTimeSeconds { get; init; } = 1;

    /// <summary>
    /// The invocation's timeout. As on Lambda, keep it within the queue's visibility timeout, or a batch still running
    /// is received again.
    /// </summary>
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
