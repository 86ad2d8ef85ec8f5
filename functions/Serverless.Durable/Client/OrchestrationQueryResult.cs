namespace Serverless.Durable.Client;

/// <summary>One page of instances.</summary>
/// <param name="Instances">The instances, ordered by id.</param>
/// <param name="ContinuationToken">The token for the next page, or <see langword="null"/> on the last page.</param>
public sealed record OrchestrationQueryResult(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
