namespace Serverless.Orders.Saga;

/// <summary>
/// The settings a saga runs with, fixed when its order is placed (part of the orchestration input, so replays see the
/// same).
/// </summary>
/// <param name="ApprovalThreshold">Orders whose total exceeds this wait for approval.</param>
/// <param name="ApprovalTimeout">How long to wait for approval before cancelling.</param>
/// <param name="PaymentRetry">Retries of transient charge failures.</param>
/// <param name="StepRetry">Retries of the forward steps before the saga compensates.</param>
/// <param name="MustSucceedRetry">Retries of compensations, final status changes and the confirmation event.</param>
public sealed record PlaceOrderPolicy(
    decimal ApprovalThreshold,
    TimeSpan ApprovalTimeout,
    RetrySettings PaymentRetry,
    RetrySettings StepRetry,
    RetrySettings MustSucceedRetry)
{
    /// <summary>The policy <paramref name="options"/> describe.</summary>
    public static PlaceOrderPolicy From(OrdersOptions options) =>
        new(
            options.ApprovalThreshold,
            options.ApprovalTimeout,
            options.PaymentRetry,
            options.StepRetry,
            options.MustSucceedRetry);
}
