namespace Serverless.Lambda.Sqs;

/// <summary>Runs the messages of an <see cref="SqsBatch"/>.</summary>
public interface ISqsBatchHandler
{
    /// <summary>
    /// Runs every message of <paramref name="batch"/> and returns the ids of those that failed (they come back);
    /// <paramref name="cancellationToken"/> fires shortly before the invocation's deadline.
    /// </summary>
    Task<IReadOnlyCollection<string>> HandleAsync(
        SqsBatch batch,
        DateTimeOffset deadline,
        CancellationToken cancellationToken);
}
