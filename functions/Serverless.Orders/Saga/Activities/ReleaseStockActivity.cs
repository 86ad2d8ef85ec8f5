using Microsoft.DurableTask;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;

namespace Serverless.Orders.Saga.Activities;

/// <summary>
/// Returns the order's reserved stock to available (TCC cancel; a compensation, a no-op when nothing is reserved). A
/// failed attempt is noted on the order until one succeeds.
/// </summary>
public sealed class ReleaseStockActivity(InventoryStore inventory, OrderStore orders, TimeProvider time)
    : TaskActivity<OrderStockInput, object?>
{
    /// <inheritdoc />
    public override Task<object?> RunAsync(TaskActivityContext context, OrderStockInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TrackedCompensation.RunAsync<object?>(
            orders,
            time,
            input.OrderId,
            SagaActivities.ReleaseStock,
            async () =>
        {
            await inventory.ReleaseAsync(input.OrderId, input.Skus).ConfigureAwait(false);
            return null;
        });
    }
}
