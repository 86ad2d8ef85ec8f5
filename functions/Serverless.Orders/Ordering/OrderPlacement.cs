namespace Serverless.Orders.Ordering;

/// <summary>The result of <see cref="OrderService.PlaceAsync"/>.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Order">The order placed or replayed (or the one the reused key belongs to).</param>
/// <param name="Errors">For <see cref="OrderPlacementOutcome.Invalid"/>: the problems by JSON field path
/// (<c>items[0].quantity</c>).</param>
public sealed record OrderPlacement(
    OrderPlacementOutcome Outcome,
    Order? Order,
    IReadOnlyDictionary<string,
    string[]>? Errors = null);
