namespace Serverless.Durable.Retention;

/// <summary>What one retention batch did.</summary>
/// <param name="Candidates">Instances last updated before the cutoff that the batch looked at (any status).</param>
/// <param name="Purged">Instances this batch purged; an instance purged by another worker meanwhile is not counted
/// here.</param>
/// <param name="ContinuationToken">Where the next batch starts; <see langword="null"/> when the pass has seen every
/// instance.</param>
public sealed record RetentionBatch(int Candidates, int Purged, string? ContinuationToken);
