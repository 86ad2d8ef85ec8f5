namespace Serverless.Storage.Tables;

/// <summary>One page of a <see cref="TableQuery"/>.</summary>
/// <param name="Items">The matching entities in key order.</param>
/// <param name="ContinuationToken">The token for the next page, or <see langword="null"/> when this is the
/// last.</param>
public sealed record TablePage(IReadOnlyList<TableEntity> Items, string? ContinuationToken);
