namespace Serverless.Durable.Client;

/// <summary>Which instances to list, one page at a time.</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Only instances in one of these statuses (all when empty).</summary>
    public IReadOnlyCollection<OrchestrationStatus> Statuses { get; init; } = [];

    /// <summary>Only instances created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only instances of this orchestrator.</summary>
    public string? Name { get; init; }

    /// <summary>The page size (1-1000).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The token of the previous page.</summary>
    public string? ContinuationToken { get; init; }
}
