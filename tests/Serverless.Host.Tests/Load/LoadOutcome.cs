using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.Load;

/// <summary>What a verified load run did, for the test to check its mix and to report.</summary>
public sealed record LoadOutcome(IReadOnlyList<(PlannedOrder Plan, OrderDto Order)> Orders, int DuplicateEvents)
{
    public int Confirmed => Orders.Count(o => o.Order.Status == OrderStatuses.Confirmed);

    public int Cancelled => Orders.Count(o => o.Order.Status == OrderStatuses.Cancelled);

    public int OutOfStock => CancelledFor("Out of stock");

    public int Declined => CancelledFor("Payment declined");

    public int Rejected => CancelledFor("Rejected");

    public int ConfirmedAfterTransientFailures =>
        Orders.Count(o => o.Plan.Token == Tokens.Transient && o.Order.Status == OrderStatuses.Confirmed);

    public int Approved =>
        Orders.Count(o => o.Plan.Decision == Decision.Approve && o.Order.Status == OrderStatuses.Confirmed);

    /// <summary>
    /// Fails unless the run exercised every path: out of stock, declines, transient retries, approvals, rejections.
    /// </summary>
    public void AssertEveryPathTaken()
    {
        Assert.True(
            OutOfStock > 0 && Declined > 0 && Rejected > 0 && ConfirmedAfterTransientFailures > 0 && Approved > 0,
            $"The run did not take every path: {this}");
    }

    public override string ToString() =>
        $"{Orders.Count} orders: {Confirmed} confirmed ({ConfirmedAfterTransientFailures} after transient failures, " +
            $"{Approved} approved), "
        + $"{Cancelled} cancelled ({OutOfStock} out of stock, {Declined} declined, {Rejected} rejected); " +
        $"{DuplicateEvents} duplicate OrderConfirmed event(s)";

    private int CancelledFor(string prefix) =>
        Orders.Count(o => o.Order.Status == OrderStatuses.Cancelled && (o.Order.Reason ?? string.Empty).StartsWith(
            prefix,
            StringComparison.Ordinal));
}
