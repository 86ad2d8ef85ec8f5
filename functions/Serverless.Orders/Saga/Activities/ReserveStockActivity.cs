using Microsoft.DurableTask;
using Serverless.Orders.Inventory;

namespace Serverless.Orders.Saga.Activities;

/// <summary>Reserves the order's stock (TCC try); the outcome says whether every line was reserved.</summary>
public sealed class ReserveStockActivity(InventoryStore inventory) : TaskActivity<ReserveStockInput, ReservationOutcome>
{
    /// <inheritdoc />
    public override Task<ReservationOutcome> RunAsync(TaskActivityContext context, ReserveStockInput input) =>
        inventory.ReserveAsync(input.OrderId, input.Lines);
}
