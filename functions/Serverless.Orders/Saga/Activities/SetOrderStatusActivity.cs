using Microsoft.DurableTask;
using Serverless.Orders.Ordering;

namespace Serverless.Orders.Saga.Activities;

/// <summary>
/// Moves the order read model to a status; a change older than the one stored (by sequence) is ignored.
/// </summary>
public sealed class SetOrderStatusActivity(OrderStore orders) : TaskActivity<SetOrderStatusInput, object?>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(TaskActivityContext context, SetOrderStatusInput input)
    {
        await orders.TransitionAsync(input.OrderId, input.Status, input.Reason, input.Sequence, input.At)
            .ConfigureAwait(false);
        return null;
    }
}
