namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>The body of <c>GET /api/orders/{id}</c>.</summary>
public sealed record OrderDto(
    string OrderId,
    string CustomerId,
    string Status,
    IReadOnlyList<OrderItemDto> Items,
    decimal Total,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    CompensationDto? Compensation = null)
{
    public bool IsSettled => Status is OrderStatuses.Confirmed or OrderStatuses.Cancelled;
}
