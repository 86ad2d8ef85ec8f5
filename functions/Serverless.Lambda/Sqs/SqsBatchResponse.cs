namespace Serverless.Lambda.Sqs;

/// <summary>
/// The partial batch response (the mapping has <c>ReportBatchItemFailures</c>): the messages listed stay on the queue
/// and come back; every other message of the batch is deleted.
/// </summary>
public sealed class SqsBatchResponse
{
    /// <summary>The messages that failed, by message id.</summary>
    public IReadOnlyList<SqsBatchItemFailure> BatchItemFailures { get; init; } = [];
}
