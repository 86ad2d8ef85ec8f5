using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Serverless.Orders.Events;
using Serverless.Orders.Serialization;

namespace Serverless.Orders.ServiceBus;

/// <summary>
/// Publishes <see cref="OrderConfirmed"/> to the <c>order-events</c> Service Bus topic: <c>MessageId</c> is the event
/// id (the topic's duplicate detection drops a repeated publish), <c>CorrelationId</c> the order id, <c>Subject</c> the
/// event type, the body the event's JSON. A transient failure is retried with back-off; then the publish fails, and the
/// saga's activity retries it.
/// </summary>
public sealed class ServiceBusEventPublisher(
    ServiceBusSender sender,
    ServiceBusRetrySettings? retry = null,
    TimeProvider? time = null)
    : IIntegrationEventSink
{
    /// <summary>The topic integration events go to.</summary>
    public const string TopicName = "order-events";

    private readonly ServiceBusRetrySettings _retry = retry ?? new ServiceBusRetrySettings();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task PublishAsync(OrderConfirmed confirmed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sender.SendMessageAsync(ToMessage(confirmed), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ServiceBusException exception) when (exception.IsTransient && attempt < _retry.MaxAttempts)
            {
                var delay = TimeSpan.FromTicks(Math.Min(
                    _retry.FirstDelay.Ticks * (1L << Math.Min(attempt - 1, 16)),
                    _retry.MaxDelay.Ticks));
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The message <paramref name="confirmed"/> is sent as.</summary>
    public static ServiceBusMessage ToMessage(OrderConfirmed confirmed)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        return new ServiceBusMessage(JsonSerializer.SerializeToUtf8Bytes(
            confirmed,
            OrdersJsonContext.Default.OrderConfirmed))
        {
            MessageId = confirmed.EventId,
            CorrelationId = confirmed.OrderId,
            Subject = confirmed.Type,
            ContentType = "application/json",
        };
    }
}
