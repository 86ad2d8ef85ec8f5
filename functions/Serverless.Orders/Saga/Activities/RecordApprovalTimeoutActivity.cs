using Microsoft.DurableTask;
using Serverless.Orders.Ordering;

namespace Serverless.Orders.Saga.Activities;

/// <summary>
/// Records that the approval timed out unless someone decided first, and returns the decision that stands (the first
/// one recorded on the order; see <see cref="OrderStore.RecordDecisionAsync"/>).
/// </summary>
public sealed class RecordApprovalTimeoutActivity(OrderStore orders) : TaskActivity<string, ApprovalDecision>
{
    /// <inheritdoc />
    public override async Task<ApprovalDecision> RunAsync(TaskActivityContext context, string input) =>
        await orders.RecordDecisionAsync(input, ApprovalDecision.TimedOut).ConfigureAwait(false)
            ?? ApprovalDecision.TimedOut;
}
