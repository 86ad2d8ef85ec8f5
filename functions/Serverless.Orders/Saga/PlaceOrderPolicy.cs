using System.Text.Json.Serialization;

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
/// <param name="ScreenThreshold">Orders whose total exceeds this are screened for fraud before the charge (saga
/// version 2.0 and later). Absent from inputs recorded before screening existed, and then left out when written, so
/// those inputs read and write back byte for byte.</param>
public sealed record PlaceOrderPolicy(
    decimal ApprovalThreshold,
    TimeSpan ApprovalTimeout,
    RetrySettings PaymentRetry,
    RetrySettings StepRetry,
    RetrySettings MustSucceedRetry,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? ScreenThreshold = null)
{
    /// <summary>The policy <paramref name="options"/> describe.</summary>
    public static PlaceOrderPolicy From(OrdersOptions options) =>
        new(
            options.ApprovalThreshold,
            options.ApprovalTimeout,
            options.PaymentRetry,
            options.StepRetry,
            options.MustSucceedRetry,
            options.ScreenThreshold);
}
