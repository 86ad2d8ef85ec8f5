namespace Serverless.Orders.Ordering;

/// <summary>How <see cref="OrderService.DecideAsync(string, bool, string?, CancellationToken)"/> ended.</summary>
public enum ApprovalOutcome
{
    /// <summary>The decision was delivered to the order's saga.</summary>
    Accepted,

    /// <summary>There is no such order.</summary>
    NotFound,

    /// <summary>The order is not awaiting approval (any more).</summary>
    NotAwaitingApproval,

    /// <summary>
    /// The order was decided otherwise already (approved, rejected or timed out); its saga is acting on that.
    /// </summary>
    AlreadyDecided,

    /// <summary>
    /// The order awaits approval but its orchestration has ended (terminated, failed or purged): nothing can take a
    /// decision.
    /// </summary>
    OrchestrationEnded,
}
