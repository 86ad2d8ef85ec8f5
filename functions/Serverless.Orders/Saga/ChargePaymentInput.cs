namespace Serverless.Orders.Saga;

/// <summary>The input of the <c>ChargePayment</c> activity.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Amount">What to charge.</param>
/// <param name="Token">The card token.</param>
public sealed record ChargePaymentInput(string OrderId, decimal Amount, string Token);
