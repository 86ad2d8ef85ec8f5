namespace Serverless.Orders.Saga;

/// <summary>
/// The result of the <c>CommitStock</c> activity when it did not commit; a committed one returns null. Earlier releases
/// recorded <c>{}</c> for every commit, so only a result that says <see cref="CancelRequested"/> means "not committed".
/// </summary>
/// <param name="CancelRequested">The customer asked to cancel before the payment was committed: nothing was
/// committed.</param>
public sealed record StockCommitOutcome(bool CancelRequested)
{
    /// <summary>Not committed: the customer asked to cancel first.</summary>
    public static StockCommitOutcome Refused { get; } = new(true);
}
