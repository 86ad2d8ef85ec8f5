using System.Text.Json.Serialization;

namespace Serverless.Lambda.Sqs;

/// <summary>One message of an <see cref="SqsBatch"/>, as the event documents it.</summary>
public sealed class SqsBatchRecord
{
    /// <summary>SQS's id of the message: what a batch item failure names.</summary>
    public string MessageId { get; init; } = "";

    /// <summary>The receipt handle of this delivery.</summary>
    public string ReceiptHandle { get; init; } = "";

    /// <summary>The body.</summary>
    public string Body { get; init; } = "";

    /// <summary>System attributes by name, e.g. <c>ApproximateReceiveCount</c> and <c>SentTimestamp</c>.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>The sender's message attributes by name.</summary>
    public IReadOnlyDictionary<string, SqsBatchAttribute>? MessageAttributes { get; init; }

    /// <summary>The queue's ARN; its last segment is the queue's name.</summary>
    [JsonPropertyName("eventSourceARN")]
    public string EventSourceArn { get; init; } = "";

    /// <summary>The queue's name: the last segment of <see cref="EventSourceArn"/>.</summary>
    [JsonIgnore]
    public string QueueName => EventSourceArn[(EventSourceArn.LastIndexOf(':') + 1)..];
}
