using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.Load;

/// <summary>One order of a load run, placed under its own <c>Idempotency-Key</c>.</summary>
public sealed record PlannedOrder(
    int Index,
    string IdempotencyKey,
    string CustomerId,
    IReadOnlyList<OrderLine> Lines,
    string Token,
    Decision Decision)
{
    public string Body { get; } = OrderRequests.Body(CustomerId, Lines, Token);
}
