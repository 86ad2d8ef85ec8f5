using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serverless.Orders.Events;
using Serverless.Orders.Serialization;
using Serverless.Storage.Queues;

namespace Serverless.Orders.Fulfilment;

/// <summary>
/// The <c>FulfilOrder</c> function's work: turns each <see cref="OrderConfirmed"/> from the <c>order-events</c> queue
/// into a shipment, once per event id. A redelivered or duplicated message creates nothing new. A message that is not
/// an <c>OrderConfirmed</c> fails (and, after the queue's retries, lands in <c>order-events-poison</c>) without writing
/// anything. With the fault knob <see cref="FulfilmentOptions.SimulatedFailures"/> set, the first deliveries of each
/// order's <c>OrderConfirmed</c> fail transiently as well.
/// </summary>
public sealed class FulfilmentService(
    ShipmentStore shipments,
    TimeProvider time,
    ILogger<FulfilmentService> logger,
    FulfilmentOptions? options = null)
{
    /// <summary>The function's name in every host.</summary>
    public const string FunctionName = "FulfilOrder";

    /// <summary>The queue that triggers it.</summary>
    public const string QueueName = OrderEventPublisher.QueueName;

    private readonly int _simulatedFailures = options?.SimulatedFailures ?? 0;

    // Deliveries of each order's OrderConfirmed so far, kept only while the fault knob is on.
    private readonly ConcurrentDictionary<string, int> _deliveries = new(StringComparer.Ordinal);

    /// <summary>Handles one message body; returns whether it created a shipment.</summary>
    /// <exception cref="InvalidDataException">The body is not an <c>OrderConfirmed</c> event.</exception>
    /// <exception cref="TimeoutException">A failure the fault knob simulates.</exception>
    public async Task<bool> FulfilAsync(string messageBody, CancellationToken cancellationToken = default) =>
        (await ProcessAsync(messageBody, null, cancellationToken).ConfigureAwait(false)).Created;

    /// <summary>
    /// Handles one message body as <see cref="FulfilAsync(string, CancellationToken)"/> does and, where the store is
    /// transactional, completes <paramref name="completing"/> in the write that creates the shipment. Returns whether
    /// the completion went with that write (a duplicate creates nothing and leaves the message to the caller, as does a
    /// call without one).
    /// </summary>
    /// <exception cref="InvalidDataException">The body is not an <c>OrderConfirmed</c> event.</exception>
    /// <exception cref="TimeoutException">A failure the fault knob simulates.</exception>
    public async Task<bool> FulfilAndCompleteAsync(
        string messageBody,
        QueueCompletion? completing,
        CancellationToken cancellationToken = default) =>
        (await ProcessAsync(messageBody, completing, cancellationToken).ConfigureAwait(false)).Completed;

    private async Task<(bool Created, bool Completed)> ProcessAsync(
        string messageBody,
        QueueCompletion? completing,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageBody);
        OrderConfirmed confirmed;
        try
        {
            confirmed = Parse(messageBody);
        }
        catch (InvalidDataException exception)
        {
            using var rejected = OrderEventSpans.StartProcess(null);
            OrderEventSpans.Failed(rejected, exception);
            throw;
        }

        using var span = OrderEventSpans.StartProcess(confirmed);
        try
        {
            return await CreateShipmentAsync(confirmed, completing, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (OrderEventSpans.Failed(span, exception))
        {
            throw; // Never reached: the filter records the failure on the span and catches nothing.
        }
    }

    private async Task<(bool Created, bool Completed)> CreateShipmentAsync(
        OrderConfirmed confirmed,
        QueueCompletion? completing,
        CancellationToken cancellationToken)
    {
        FailIfSimulated(confirmed.OrderId);
        var shipment = new Shipment(
            "shp-" + confirmed.OrderId,
            confirmed.OrderId,
            confirmed.EventId,
            confirmed.CustomerId,
            confirmed.Items,
            time.GetUtcNow());
        var outcome = await shipments.TryCreateAsync(shipment, completing, cancellationToken).ConfigureAwait(false);
        if (outcome.Created)
        {
            Logs.ShipmentCreated(logger, confirmed.OrderId, confirmed.EventId);
        }
        else
        {
            Logs.DuplicateEventIgnored(logger, confirmed.OrderId, confirmed.EventId);
        }

        return outcome;
    }

    /// <summary>
    /// The fault knob: counts this delivery of the order's event and fails it while the count is at most
    /// <see cref="FulfilmentOptions.SimulatedFailures"/>.
    /// </summary>
    private void FailIfSimulated(string orderId)
    {
        if (_simulatedFailures == 0)
        {
            return;
        }

        var delivery = _deliveries.AddOrUpdate(orderId, 1, static (_, count) => count + 1);
        if (delivery <= _simulatedFailures)
        {
            throw new TimeoutException($"The warehouse did not answer (simulated, delivery {delivery} of " +
                $"{_simulatedFailures} failing for order {orderId}: Orders:Fulfilment:SimulatedFailures).");
        }
    }

    private static OrderConfirmed Parse(string body)
    {
        OrderConfirmed? confirmed;
        try
        {
            confirmed = JsonSerializer.Deserialize(body, OrdersJsonContext.Default.OrderConfirmed);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException("The message is not JSON of an OrderConfirmed event.", exception);
        }

        if (confirmed is null
            || confirmed.Type != OrderConfirmed.TypeName
            || !Identifiers.IsValidOrderId(confirmed.OrderId)
            || string.IsNullOrEmpty(confirmed.EventId) || confirmed.Items is null || confirmed.CustomerId is null)
        {
            throw new InvalidDataException("The message is not an OrderConfirmed event with an order id, event id, " +
                "customer and items.");
        }

        return confirmed;
    }
}
