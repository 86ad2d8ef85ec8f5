namespace Serverless.Lambda.Sqs;

/// <summary>One failed message of a batch.</summary>
/// <param name="ItemIdentifier">Its message id.</param>
public sealed record SqsBatchItemFailure(string ItemIdentifier);
