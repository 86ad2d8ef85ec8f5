namespace Serverless.Orders.Inventory;

/// <summary>
/// One order's change to one SKU's stock, waiting to be applied with the other changes queued for that SKU.
/// </summary>
internal sealed class StockChange(StockChangeKind kind, string orderId, long quantity, ReservationRead? known = null)
{
    private readonly TaskCompletionSource<ReservationOutcome> _outcome =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StockChangeKind Kind { get; } = kind;

    public string OrderId { get; } = orderId;

    /// <summary>The units a <see cref="StockChangeKind.Reserve"/> asks for.</summary>
    public long Quantity { get; } = quantity;

    /// <summary>
    /// The order's reservation row as the caller read it just before (absent: not read). It saves the first attempt a
    /// read; the batch's ETags, or its insert, refuse it if it changed meanwhile, and a retry reads again.
    /// </summary>
    public ReservationRead? Known { get; } = known;

    /// <summary>Completes once the change is applied: its outcome (a reservation's; success for the others).</summary>
    public Task<ReservationOutcome> Outcome => _outcome.Task;

    public void Succeed(ReservationOutcome outcome) => _outcome.TrySetResult(outcome);

    public void Fail(Exception exception) => _outcome.TrySetException(exception);
}
