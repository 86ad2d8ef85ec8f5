namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>One page of <c>GET /api/orders</c>.</summary>
public sealed record OrderPageDto(IReadOnlyList<OrderDto> Items, string? ContinuationToken);
