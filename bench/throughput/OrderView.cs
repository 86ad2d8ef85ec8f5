namespace Serverless.Bench.Throughput;

/// <summary>What the benchmark reads of <c>GET /api/orders/{id}</c>.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status"><c>Pending</c>, <c>AwaitingApproval</c>, <c>Confirmed</c> or <c>Cancelled</c>.</param>
/// <param name="Total">What was charged.</param>
/// <param name="Reason">Why it was cancelled.</param>
/// <param name="CreatedAt">When the host accepted it (its clock, as the POST placed it).</param>
/// <param name="UpdatedAt">When the saga last changed its status (the orchestration's replay-safe time).</param>
internal sealed record OrderView(
    string OrderId,
    string Status,
    decimal Total,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsFinal => Status is "Confirmed" or "Cancelled";
}
