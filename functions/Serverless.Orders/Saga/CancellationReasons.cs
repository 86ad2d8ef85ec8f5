using Microsoft.DurableTask;
using Serverless.Orders.Payments;

namespace Serverless.Orders.Saga;

/// <summary>
/// The reasons the saga gives when it cancels an order; each starts with a stable prefix clients may match.
/// </summary>
public static class CancellationReasons
{
    /// <summary>A SKU did not have enough stock.</summary>
    public const string OutOfStockPrefix = "Out of stock";

    /// <summary>The approver rejected the order.</summary>
    public const string RejectedPrefix = "Rejected";

    /// <summary>No approval arrived in time.</summary>
    public const string ApprovalTimedOutPrefix = "Approval timed out";

    /// <summary>The payment gateway declined the charge.</summary>
    public const string PaymentDeclinedPrefix = "Payment declined";

    /// <summary>The charge kept failing transiently until the retries ran out.</summary>
    public const string PaymentFailedPrefix = "Payment failed";

    /// <summary>The fraud screen refused the order (saga version 2.0).</summary>
    public const string ScreenRefusedPrefix = "Refused by the fraud screen";

    /// <summary>The customer cancelled the order before its payment was committed.</summary>
    public const string CancelledByCustomer = "Cancelled by customer.";

    /// <summary>
    /// The reconciler cancelled the order because its orchestration ended (or vanished) without settling it.
    /// </summary>
    public const string OrchestrationPrefix = "Orchestration";

    /// <summary>
    /// The kind of <paramref name="reason"/>, a short stable token for metrics (the reason itself carries details):
    /// <c>out_of_stock</c>, <c>rejected</c>, <c>approval_timed_out</c>, <c>payment_declined</c>,
    /// <c>payment_failed</c>, <c>screen_refused</c>, <c>cancelled_by_customer</c>, <c>orchestration</c>, else
    /// <c>step_failed</c>.
    /// </summary>
    public static string KindOf(string? reason) => reason switch
    {
        null => StepFailedKind,
        _ when reason.StartsWith(OutOfStockPrefix, StringComparison.Ordinal) => "out_of_stock",
        _ when reason.StartsWith(RejectedPrefix, StringComparison.Ordinal) => "rejected",
        _ when reason.StartsWith(ApprovalTimedOutPrefix, StringComparison.Ordinal) => "approval_timed_out",
        _ when reason.StartsWith(PaymentDeclinedPrefix, StringComparison.Ordinal) => "payment_declined",
        _ when reason.StartsWith(PaymentFailedPrefix, StringComparison.Ordinal) => "payment_failed",
        _ when reason.StartsWith(ScreenRefusedPrefix, StringComparison.Ordinal) => "screen_refused",
        _ when reason.StartsWith(CancelledByCustomer, StringComparison.Ordinal) => "cancelled_by_customer",
        _ when reason.StartsWith(OrchestrationPrefix, StringComparison.Ordinal) => "orchestration",
        _ => StepFailedKind,
    };

    private const string StepFailedKind = "step_failed";

    internal static string OrchestrationTerminated(string? reason) =>
        string.IsNullOrWhiteSpace(reason)
            ? $"{OrchestrationPrefix} terminated by an operator."
            : $"{OrchestrationPrefix} terminated by an operator: {reason}";

    internal static string OrchestrationFailed(string? error) =>
        $"{OrchestrationPrefix} failed: {error ?? "no details"}";

    internal const string OrchestrationNotFound = OrchestrationPrefix + " not found (purged or lost); the order was " +
    "never settled.";

    internal const string OrchestrationCompletedUnsettled = OrchestrationPrefix + " completed without settling the " +
    "order.";

    internal static string Rejected(string? detail) =>
        string.IsNullOrWhiteSpace(detail)
            ? $"{RejectedPrefix} by the approver."
            : $"{RejectedPrefix} by the approver: {detail}";

    internal static string ScreenRefused(IReadOnlyList<string> findings) =>
        $"{ScreenRefusedPrefix}: {string.Join("; ", findings)}.";

    internal static string ApprovalTimedOut(TimeSpan timeout) => $"{ApprovalTimedOutPrefix} after {timeout}.";

    internal static string From(TaskFailedException failed)
    {
        var failure = failed.FailureDetails;
        if (failed.TaskName == SagaActivities.ChargePayment)
        {
            return failure.IsError<PaymentDeclinedException>()
                ? $"{PaymentDeclinedPrefix}: {failure.ErrorMessage}"
                : $"{PaymentFailedPrefix}: {failure.ErrorMessage}";
        }

        return $"Step {failed.TaskName} failed: {failure.ErrorMessage}";
    }
}
