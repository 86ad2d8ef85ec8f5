namespace Serverless.Durable.Retention;

/// <summary>What one retention pass (every batch up to the end of the instances) did.</summary>
/// <param name="Batches">How many batches it took.</param>
/// <param name="Purged">Instances this pass purged (not those another worker purged meanwhile).</param>
public sealed record RetentionPass(int Batches, int Purged);
