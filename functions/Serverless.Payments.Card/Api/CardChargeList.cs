namespace Serverless.Payments.Card.Api;

/// <summary>
/// The answer to a lookup: every charge made with one idempotency key (none or one). A list, not a 404, so that "no
/// such charge" can never be confused with a wrong URL.
/// </summary>
internal sealed record CardChargeList(IReadOnlyList<CardCharge> Data);
