namespace Serverless.Orders.Ordering;

/// <summary>The answer to a customer's request to cancel an order.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Order">The order as it stood (null when there is none).</param>
/// <param name="CommittedAt">When its payment was committed (only for <see cref="CancelOutcome.Committed"/>).</param>
public sealed record CancelRequest(CancelOutcome Outcome, Order? Order, DateTimeOffset? CommittedAt);
