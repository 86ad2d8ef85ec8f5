namespace Serverless.Orders.Inventory;

/// <summary>
/// The life of one (order, SKU) reservation row. Every state but <see cref="Reserved"/> is final except
/// <see cref="Committed"/> → <see cref="Released"/>.
/// </summary>
internal enum ReservationState
{
    /// <summary>The units moved from available to reserved.</summary>
    Reserved,

    /// <summary>The units moved from reserved to sold.</summary>
    Committed,

    /// <summary>
    /// The units went back to available (or, as a tombstone written before any reservation, nothing moved).
    /// </summary>
    Released,

    /// <summary>There was not enough stock; nothing moved.</summary>
    Rejected,
}
