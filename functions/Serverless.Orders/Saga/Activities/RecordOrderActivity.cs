using Microsoft.DurableTask;
using Serverless.Orders.Ordering;

namespace Serverless.Orders.Saga.Activities;

/// <summary>
/// Creates the order's read model row from the saga input, unless it exists (the HTTP request that placed the order may
/// have died before writing it).
/// </summary>
public sealed class RecordOrderActivity(OrderStore orders) : TaskActivity<PlaceOrderInput, object?>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(TaskActivityContext context, PlaceOrderInput input)
    {
        // Almost always the request wrote the row already: a read on a reader connection is cheaper than an insert that
        // fails on the one writer connection (a savepoint rolled back and an exception on the writer's thread).
        if (await orders.GetAsync(input.OrderId, CancellationToken.None).ConfigureAwait(false) is null)
        {
            await orders.CreateAsync(input, CancellationToken.None).ConfigureAwait(false);
        }

        return null;
    }
}
