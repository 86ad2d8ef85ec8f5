namespace Serverless.Orders.Inventory;

/// <summary>What <see cref="InventoryStore.ReserveAsync"/> achieved for an order.</summary>
/// <param name="Reserved">Whether every line is reserved.</param>
/// <param name="ShortSku">When not reserved: the SKU that could not be reserved.</param>
/// <param name="Requested">When not reserved: the quantity asked of <paramref name="ShortSku"/>.</param>
/// <param name="Available">When not reserved: what <paramref name="ShortSku"/> had available at the time.</param>
/// <param name="Reason">When not reserved: a sentence for people.</param>
public sealed record ReservationOutcome(
    bool Reserved,
    string? ShortSku = null,
    long Requested = 0,
    long Available = 0,
    string? Reason = null)
{
    /// <summary>Every line is reserved.</summary>
    public static ReservationOutcome Success { get; } = new(true);

    /// <summary>
    /// <paramref name="sku"/> had only <paramref name="available"/> of the <paramref name="requested"/> units.
    /// </summary>
    public static ReservationOutcome OutOfStock(string sku, long requested, long available) =>
        new(false, sku, requested, available, $"Out of stock: {sku} (requested {requested}, available {available}).");

    /// <summary>
    /// The order's reservation was released before this attempt (a late or repeated try after a cancel).
    /// </summary>
    public static ReservationOutcome Released(string sku) =>
        new(false, sku, Reason: $"The reservation of {sku} for this order was already released.");
}
