namespace Serverless.Orders.Saga;

/// <summary>
/// The names of the <c>PlaceOrder</c> saga's activities (written to history: never rename one) and the queues they
/// travel on. Stock activities use <c>inventory</c> and payment activities <c>payments</c>, so each scales as its own
/// function; the rest use the task hub's default queue. Every activity is idempotent on the order, as activities run at
/// least once.
/// </summary>
public static class SagaActivities
{
    /// <summary>The queue of the stock activities.</summary>
    public const string InventoryQueue = "inventory";

    /// <summary>The queue of the payment activities.</summary>
    public const string PaymentsQueue = "payments";

    /// <summary>Creates the order's read model row from the saga input, unless it exists.</summary>
    public const string RecordOrder = nameof(RecordOrder);

    /// <summary>Reserves the order's stock (TCC try).</summary>
    public const string ReserveStock = nameof(ReserveStock);

    /// <summary>Moves the order's reserved stock to sold (TCC confirm).</summary>
    public const string CommitStock = nameof(CommitStock);

    /// <summary>Returns the order's stock to available (TCC cancel; a compensation).</summary>
    public const string ReleaseStock = nameof(ReleaseStock);

    /// <summary>
    /// Charges the order's total; fails with <c>PaymentDeclinedException</c> (final) or
    /// <c>PaymentUnavailableException</c> (retried).
    /// </summary>
    public const string ChargePayment = nameof(ChargePayment);

    /// <summary>Refunds what was charged (a compensation).</summary>
    public const string RefundPayment = nameof(RefundPayment);

    /// <summary>Updates the order read model's status.</summary>
    public const string SetOrderStatus = nameof(SetOrderStatus);

    /// <summary>
    /// Records that the approval timed out unless someone decided first, and returns the decision that stands.
    /// </summary>
    public const string RecordApprovalTimeout = nameof(RecordApprovalTimeout);

    /// <summary>
    /// Screens a large order for fraud before the charge (saga version 2.0); returns the verdict, refused or not.
    /// </summary>
    public const string ScreenOrder = nameof(ScreenOrder);

    /// <summary>Publishes <c>OrderConfirmed</c> to the <c>order-events</c> queue, once per order.</summary>
    public const string PublishOrderConfirmed = nameof(PublishOrderConfirmed);

    /// <summary>
    /// The activities that run on a queue of their own, by name; a host routes their work items accordingly.
    /// </summary>
    public static IReadOnlyDictionary<string,
    string> Queues { get; } = new Dictionary<string,
    string>(StringComparer.Ordinal)
    {
        [ReserveStock] = InventoryQueue,
        [CommitStock] = InventoryQueue,
        [ReleaseStock] = InventoryQueue,
        [ChargePayment] = PaymentsQueue,
        [RefundPayment] = PaymentsQueue,
    };
}
