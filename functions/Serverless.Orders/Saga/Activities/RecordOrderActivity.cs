using Microsoft.DurableTask;
using Serverless.Orders.Ordering;

namespace Serverless.Orders.Saga.Activities;

/// <summary>Creates the order's read model row from the saga input, unless it exists (the HTTP request that placed the order may have died before writing it).</summary>
public sealed class RecordOrderActivity(OrderStore orders) : TaskActivity<PlaceOrderInput, object?>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(TaskActivityContext context, PlaceOrderInput input)
    {
        await orders.CreateAsync(input, CancellationToken.None).ConfigureAwait(false);
        return null;
    }
}
