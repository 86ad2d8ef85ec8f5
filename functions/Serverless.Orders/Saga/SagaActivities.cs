using Serverless.Durable;
using Serverless.Orders.Events;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Serialization;

namespace Serverless.Orders.Saga;

/// <summary>
/// The activities of the <c>PlaceOrder</c> saga. Stock activities travel on the <c>inventory</c> queue and payment
/// activities on <c>payments</c>, so each scales as its own function; the rest use the task hub's default queue. Every
/// activity is idempotent on the order, as activities run at least once. Their JSON contracts are read on first use, so
/// registering the saga costs the host's start-up nothing.
/// </summary>
public static class SagaActivities
{
    /// <summary>The queue of the stock activities.</summary>
    public const string InventoryQueue = "inventory";

    /// <summary>The queue of the payment activities.</summary>
    public const string PaymentsQueue = "payments";

    private static OrdersJsonContext Json => OrdersJsonContext.Default;

    /// <summary>Creates the order's read model row from the saga input, unless it exists (the HTTP request that placed the order may have died before writing it).</summary>
    public static ActivityRef<PlaceOrderInput, Unit> RecordOrder { get; } =
        new("RecordOrder", static () => Json.PlaceOrderInput, static () => Json.Unit);

    /// <summary>Reserves the order's stock (TCC try).</summary>
    public static ActivityRef<ReserveStockInput, ReservationOutcome> ReserveStock { get; } =
        new("ReserveStock", static () => Json.ReserveStockInput, static () => Json.ReservationOutcome, InventoryQueue);

    /// <summary>Moves the order's reserved stock to sold (TCC confirm).</summary>
    public static ActivityRef<OrderStockInput, Unit> CommitStock { get; } =
        new("CommitStock", static () => Json.OrderStockInput, static () => Json.Unit, InventoryQueue);

    /// <summary>Returns the order's stock to available (TCC cancel; a compensation).</summary>
    public static ActivityRef<OrderStockInput, Unit> ReleaseStock { get; } =
        new("ReleaseStock", static () => Json.OrderStockInput, static () => Json.Unit, InventoryQueue);

    /// <summary>Charges the order's total. Fails with <see cref="PaymentDeclinedException"/> (final) or <see cref="PaymentUnavailableException"/> (retried).</summary>
    public static ActivityRef<ChargePaymentInput, PaymentReceipt> ChargePayment { get; } =
        new("ChargePayment", static () => Json.ChargePaymentInput, static () => Json.PaymentReceipt, PaymentsQueue);

    /// <summary>Refunds what was charged (a compensation).</summary>
    public static ActivityRef<RefundPaymentInput, PaymentReceipt> RefundPayment { get; } =
        new("RefundPayment", static () => Json.RefundPaymentInput, static () => Json.PaymentReceipt, PaymentsQueue);

    /// <summary>Updates the order read model's status.</summary>
    public static ActivityRef<SetOrderStatusInput, Unit> SetOrderStatus { get; } =
        new("SetOrderStatus", static () => Json.SetOrderStatusInput, static () => Json.Unit);

    /// <summary>
    /// Records that the approval timed out unless someone decided first, and returns the decision that stands (the first
    /// one recorded on the order; see <see cref="Ordering.OrderStore.RecordDecisionAsync"/>).
    /// </summary>
    public static ActivityRef<string, ApprovalDecision> RecordApprovalTimeout { get; } =
        new("RecordApprovalTimeout", static () => Json.String, static () => Json.ApprovalDecision);

    /// <summary>Publishes <see cref="OrderConfirmed"/> to the <c>order-events</c> queue, once per order.</summary>
    public static ActivityRef<OrderConfirmed, Unit> PublishOrderConfirmed { get; } =
        new("PublishOrderConfirmed", static () => Json.OrderConfirmed, static () => Json.Unit);
}
