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

    /// <summary>The customer cancelled the order before its payment was committed.</summary>
    public const string CancelledByCustomer = "Cancelled by customer.";

    /// <summary>
    /// The reconciler cancelled the order because its orchestration ended (or vanished) without settling it.
    /// </summary>
    public const string OrchestrationPrefix = "Orchestration";

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
