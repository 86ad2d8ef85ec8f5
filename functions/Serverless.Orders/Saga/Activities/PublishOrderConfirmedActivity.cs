using Microsoft.DurableTask;
using Serverless.Orders.Events;

namespace Serverless.Orders.Saga.Activities;

/// <summary>Publishes <see cref="OrderConfirmed"/> to the <c>order-events</c> queue, once per order.</summary>
public sealed class PublishOrderConfirmedActivity(OrderEventPublisher publisher) : TaskActivity<OrderConfirmed, object?>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(TaskActivityContext context, OrderConfirmed input)
    {
        await publisher.PublishAsync(input).ConfigureAwait(false);
        return null;
    }
}
