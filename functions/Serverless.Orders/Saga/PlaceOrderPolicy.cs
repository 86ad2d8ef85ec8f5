namespace Serverless.Orders.Saga;

/// <summary>The settings a saga runs with, fixed when its order is placed (part of the orchestration input, so replays see the same).</summary>
/// <param name="ApprovalThreshold">Orders whose total exceeds this wait for approval.</param>
/// <param name="ApprovalTimeout">How long to wait for approval before cancelling.</param>
/// <param name="PaymentRetry">Retries of transient charge failures.</param>
/// <param name="StepRetry">Retries of the other steps and of compensations.</param>
public sealed record PlaceOrderPolicy(decimal ApprovalThreshold, TimeSpan ApprovalTimeout, RetrySettings PaymentRetry, RetrySettings StepRetry)
{
    /// <summary>The policy <paramref name="options"/> describe.</summary>
    public static PlaceOrderPolicy From(OrdersOptions options) =>
        new(options.ApprovalThreshold, options.ApprovalTimeout, options.PaymentRetry, options.StepRetry);
}
