namespace Serverless.Orders.Ordering;

/// <summary>
/// How an order awaiting approval was decided. Recorded on the order once, so exactly one decision wins.
/// </summary>
public enum ApprovalDecision
{
    /// <summary>Someone approved it.</summary>
    Approved,

    /// <summary>Someone rejected it.</summary>
    Rejected,

    /// <summary>Nobody decided before the approval timeout.</summary>
    TimedOut,
}
