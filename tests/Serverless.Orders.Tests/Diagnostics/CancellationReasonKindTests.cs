using Serverless.Orders.Saga;

namespace Serverless.Orders.Tests.Diagnostics;

/// <summary>The reason tag of <c>orders.cancelled</c>: a few stable kinds, whatever the reason details.</summary>
public sealed class CancellationReasonKindTests
{
    [Theory]
    [InlineData("Out of stock: SKU-1 (requested 3, available 1).", "out_of_stock")]
    [InlineData("Rejected by the approver: too dear", "rejected")]
    [InlineData("Approval timed out after 1.00:00:00.", "approval_timed_out")]
    [InlineData("Payment declined: card declined (compensation failed: Compensation 'RefundPayment' failed)",
        "payment_declined")]
    [InlineData("Payment failed: gateway unavailable", "payment_failed")]
    [InlineData("Refused by the fraud screen: the payment token tok_risky is high risk.", "screen_refused")]
    [InlineData("Cancelled by customer.", "cancelled_by_customer")]
    [InlineData("Orchestration terminated by an operator.", "orchestration")]
    [InlineData("Step ReserveStock failed: boom", "step_failed")]
    [InlineData(null, "step_failed")]
    public void Each_reason_maps_to_its_kind(string? reason, string kind) =>
        Assert.Equal(kind, CancellationReasons.KindOf(reason));
}
