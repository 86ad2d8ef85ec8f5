using Microsoft.DurableTask;
using Serverless.Orders.Inventory;

namespace Serverless.Orders.Saga.Activities;

/// <summary>Returns the order's reserved stock to available (TCC cancel; a compensation, a no-op when nothing is reserved).</summary>
public sealed class ReleaseStockActivity(InventoryStore inventory) : TaskActivity<OrderStockInput, object?>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(TaskActivityContext context, OrderStockInput input)
    {
        await inventory.ReleaseAsync(input.OrderId, input.Skus).ConfigureAwait(false);
        return null;
    }
}
