namespace Serverless.Orders.Ordering;

/// <summary>How <see cref="OrderService.PlaceAsync"/> ended.</summary>
public enum OrderPlacementOutcome
{
    /// <summary>A new order was placed and its saga started.</summary>
    Accepted,

    /// <summary>
    /// The <c>Idempotency-Key</c> was seen before with the same request: the existing order is returned.
    /// </summary>
    Replayed,

    /// <summary>The request is invalid; nothing was written.</summary>
    Invalid,

    /// <summary>The <c>Idempotency-Key</c> was used before for a different request; nothing was written.</summary>
    KeyReused,
}
