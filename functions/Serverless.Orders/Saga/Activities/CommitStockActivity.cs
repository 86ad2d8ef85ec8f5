using Microsoft.DurableTask;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;

namespace Serverless.Orders.Saga.Activities;

/// <summary>
/// The saga's point of no return: marks the order's payment committed, unless the customer asked to cancel first, then
/// moves its reserved stock to sold (TCC confirm). Returns <see langword="null"/> when committed (as every earlier
/// release recorded it), or <see cref="StockCommitOutcome.Refused"/> when a cancel request came first and nothing was
/// committed.
/// </summary>
public sealed class CommitStockActivity(InventoryStore inventory, OrderStore orders, TimeProvider time)
    : TaskActivity<OrderStockInput, StockCommitOutcome?>
{
    /// <inheritdoc />
    public override async Task<StockCommitOutcome?> RunAsync(TaskActivityContext context, OrderStockInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await orders.TryCommitAsync(input.OrderId, time.GetUtcNow()).ConfigureAwait(false))
        {
            return StockCommitOutcome.Refused;
        }

        await inventory.CommitAsync(input.OrderId, input.Skus).ConfigureAwait(false);
        return null;
    }
}
