namespace Serverless.Functions.Retention;

/// <summary>What one retention run of the Function App did.</summary>
/// <param name="Batches">Pages of candidates that held expired instances (each at most the batch size).</param>
/// <param name="Purged">Instances the purges reported deleted.</param>
public sealed record RetentionRun(int Batches, int Purged);
