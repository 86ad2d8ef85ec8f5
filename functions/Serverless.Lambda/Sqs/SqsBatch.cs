using System.Text.Json.Serialization;

namespace Serverless.Lambda.Sqs;

/// <summary>The messages an SQS event source mapping hands the function in one invocation.</summary>
public sealed class SqsBatch
{
    /// <summary>The messages, each of one queue (a mapping reads one queue).</summary>
    [JsonPropertyName("Records")]
    public IReadOnlyList<SqsBatchRecord> Records { get; init; } = [];
}
