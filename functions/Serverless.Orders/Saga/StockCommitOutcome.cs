namespace Serverless.Orders.Saga;

/// <summary>The result of the <c>CommitStock</c> activity when it did not commit (a committed one returns null).</summary>
/// <param name="Committed">Whether the stock was committed.</param>
public sealed record StockCommitOutcome(bool Committed)
{
    /// <summary>Not committed: the customer asked to cancel before the payment was committed.</summary>
    public static StockCommitOutcome Refused { get; } = new(false);
}
