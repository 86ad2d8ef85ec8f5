namespace Serverless.Orders.Recovery;

/// <summary>
/// How the reconciler looks for orders whose orchestration ended without settling them (bound from
/// <c>Orders:Reconciliation</c>, e.g. environment <c>Orders__Reconciliation__Interval=00:00:10</c>).
/// </summary>
public sealed class ReconciliationOptions
{
    /// <summary>
    /// Whether the local host runs the reconciler in the background (default true). The Function App runs it on a
    /// timer.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The time between two passes (default 30 s).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an order must have been unchanged before it is checked (default 1 min): a just-placed order is never
    /// touched while its orchestration is being started.
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The most orders of each non-final status one pass reads (default 100); the next pass goes on from there.
    /// </summary>
    public int BatchSize { get; set; } = 100;

    internal IEnumerable<string> Validate()
    {
        if (Interval <= TimeSpan.Zero || GracePeriod < TimeSpan.Zero)
        {
            yield return "Orders:Reconciliation:Interval must be positive and GracePeriod not negative.";
        }

        if (BatchSize is < 1 or > 1000)
        {
            yield return "Orders:Reconciliation:BatchSize must be between 1 and 1000.";
        }
    }
}
