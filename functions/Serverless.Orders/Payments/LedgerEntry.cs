namespace Serverless.Orders.Payments;

/// <summary>One money movement.</summary>
/// <param name="Kind"><c>charge</c> (money in) or <c>refund</c> (money out); see <see cref="LedgerKinds"/>.</param>
/// <param name="Amount">The amount moved (positive).</param>
/// <param name="At">When it moved.</param>
public sealed record LedgerEntry(string Kind, decimal Amount, DateTimeOffset At);
