using Azure.Messaging.ServiceBus;
using Serverless.Orders.ServiceBus;
using Serverless.Orders.Events;
using Serverless.Orders.Ordering;

namespace Serverless.Functions.Tests;

/// <summary>
/// The Service Bus publisher against the SDK's own test seams: no Service Bus emulator runs here, so the sender is a
/// ServiceBusSender subclass (the SDK's documented mocking constructor) that records messages or fails as told.
/// </summary>
public sealed class ServiceBusEventPublisherTests
{
    private static readonly OrderConfirmed Confirmed = new(
        OrderConfirmed.EventIdFor("ord-1"),
        "ord-1",
        "c-1",
        [new OrderItem("SKU-1", 2, 12.50m, 25.00m)],
        25.00m,
        DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task OrderConfirmed_is_sent_as_JSON_with_the_event_id_as_message_id_and_the_order_as_correlation_id()
    {
        var sender = new RecordingSender();

        await new ServiceBusEventPublisher(sender).PublishAsync(Confirmed);

        var message = Assert.Single(sender.Sent);
        Assert.Equal("ord-1:OrderConfirmed", message.MessageId);
        Assert.Equal("ord-1", message.CorrelationId);
        Assert.Equal("OrderConfirmed", message.Subject);
        Assert.Equal("application/json", message.ContentType);
        var body = System.Text.Json.JsonDocument.Parse(message.Body.ToString()).RootElement;
        Assert.Equal("ord-1", body.GetProperty("orderId").GetString());
        Assert.Equal(25.00m, body.GetProperty("total").GetDecimal());
        Assert.Equal("OrderConfirmed", body.GetProperty("type").GetString());
        // What a subscriber receives (the SDK's model factory): the same ids and body.
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            message.Body,
            messageId: message.MessageId,
            correlationId: message.CorrelationId,
            subject: message.Subject);
        Assert.Equal((Confirmed.EventId, Confirmed.OrderId), (received.MessageId, received.CorrelationId));
    }

    [Fact]
    public async Task A_transient_failure_is_retried_with_the_same_message_id()
    {
        var sender = new RecordingSender { FailuresLeft = 2 };

        await new ServiceBusEventPublisher(
            sender,
            new ServiceBusRetrySettings { FirstDelay = TimeSpan.FromMilliseconds(1) })
            .PublishAsync(Confirmed);

        Assert.Equal(3, sender.Attempts);
        Assert.Equal(["ord-1:OrderConfirmed"], sender.Sent.Select(m => m.MessageId));
    }

    [Fact]
    public async Task A_failure_that_is_not_transient_or_outlasts_the_retries_fails_the_publish()
    {
        var permanent = new RecordingSender { FailuresLeft = 1, Transient = false };
        var persistent = new RecordingSender { FailuresLeft = 10 };

        await Assert.ThrowsAsync<ServiceBusException>(() =>
            new ServiceBusEventPublisher(permanent).PublishAsync(Confirmed));
        await Assert.ThrowsAsync<ServiceBusException>(() =>
            new ServiceBusEventPublisher(
                persistent,
                new ServiceBusRetrySettings { MaxAttempts = 3, FirstDelay = TimeSpan.FromMilliseconds(1) })
                .PublishAsync(Confirmed));

        Assert.Equal((1, 3), (permanent.Attempts, persistent.Attempts));
        Assert.Empty(permanent.Sent);
        Assert.Empty(persistent.Sent);
    }

    private sealed class RecordingSender : ServiceBusSender
    {
        public List<ServiceBusMessage> Sent { get; } = [];

        public int FailuresLeft { get; set; }

        public bool Transient { get; init; } = true;

        public int Attempts { get; private set; }

        public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
        {
            Attempts++;
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new ServiceBusException(Transient, "The service is busy.");
            }

            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
