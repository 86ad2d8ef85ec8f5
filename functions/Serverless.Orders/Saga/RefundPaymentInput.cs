namespace Serverless.Orders.Saga;

/// <summary>The input of the <c>RefundPayment</c> activity.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Amount">The most to refund (what was charged is the real limit).</param>
public sealed record RefundPaymentInput(string OrderId, decimal Amount);
