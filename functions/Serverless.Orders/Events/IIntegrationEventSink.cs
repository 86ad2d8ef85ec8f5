namespace Serverless.Orders.Events;

/// <summary>
/// Another place <see cref="OrderConfirmed"/> goes besides the <c>order-events</c> queue, such as a Service Bus topic
/// for other systems. Called on every publish attempt until the event is recorded as published, so a sink must tolerate
/// repeats of one <see cref="OrderConfirmed.EventId"/> (a Service Bus topic's duplicate detection drops them).
/// </summary>
public interface IIntegrationEventSink
{
    /// <summary>Sends <paramref name="confirmed"/>; throws when it could not.</summary>
    Task PublishAsync(OrderConfirmed confirmed, CancellationToken cancellationToken = default);
}
