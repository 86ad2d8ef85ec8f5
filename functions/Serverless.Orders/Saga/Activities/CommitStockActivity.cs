using Microsoft.DurableTask;
using Serverless.Orders.Inventory;

namespace Serverless.Orders.Saga.Activities;

/// <summary>Moves the order's reserved stock to sold (TCC confirm).</summary>
public sealed class CommitStockActivity(InventoryStore inventory) : TaskActivity<OrderStockInput, object?>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(TaskActivityContext context, OrderStockInput input)
    {
        await inventory.CommitAsync(input.OrderId, input.Skus).ConfigureAwait(false);
        return null;
    }
}
