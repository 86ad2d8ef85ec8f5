namespace Serverless.Functions.Retention;

/// <summary>What one retention run of the Function App did.</summary>
/// <param name="Batches">Purge calls made (one per creation-time window that held finished instances).</param>
/// <param name="Purged">Instances the purge calls reported deleted.</param>
public sealed record RetentionRun(int Batches, int Purged);
