using Microsoft.Extensions.Logging;

namespace Serverless.Orders;

internal static partial class Logs
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Order {OrderId} confirmed ({Total})")]
    public static partial void OrderConfirmed(ILogger logger, string orderId, decimal total);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Order {OrderId} cancelled: {Reason}")]
    public static partial void OrderCancelled(ILogger logger, string orderId, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Compensating order {OrderId} failed")]
    public static partial void CompensationFailed(ILogger logger, Exception exception, string orderId);

    [LoggerMessage(
        EventId = 3004,
        Level = LogLevel.Information,
        Message = "Order {OrderId} placed ({Total}, {Lines} line(s))")]
    public static partial void OrderPlaced(ILogger logger, string orderId, decimal total, int lines);

    [LoggerMessage(
        EventId = 3005,
        Level = LogLevel.Information,
        Message = "Shipment created for order {OrderId} from event {EventId}")]
    public static partial void ShipmentCreated(ILogger logger, string orderId, string eventId);

    [LoggerMessage(
        EventId = 3006,
        Level = LogLevel.Information,
        Message = "Event {EventId} of order {OrderId} was already fulfilled; nothing created")]
    public static partial void DuplicateEventIgnored(ILogger logger, string orderId, string eventId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Reconciling order {OrderId}: {Reason}")]
    public static partial void Reconciling(ILogger logger, string orderId, string reason);

    [LoggerMessage(
        EventId = 3008,
        Level = LogLevel.Warning,
        Message = "Reconciling order {OrderId} failed; retried on the next pass")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception, string orderId);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Error, Message = "A reconciliation pass failed")]
    public static partial void ReconcilePassFailed(ILogger logger, Exception exception);

    [LoggerMessage(
        EventId = 3010,
        Level = LogLevel.Information,
        Message = "Order {OrderId}: cancel requested by the customer")]
    public static partial void CancelRequested(ILogger logger, string orderId);

    [LoggerMessage(
        EventId = 3011,
        Level = LogLevel.Information,
        Message = "Order {OrderId}: its saga ended before the '{EventName}' event could be raised; not delivered")]
    public static partial void RaiseFoundSagaEnded(
        ILogger logger,
        Exception exception,
        string orderId,
        string eventName);

    [LoggerMessage(
        EventId = 3012,
        Level = LogLevel.Warning,
        Message = "Counting the orders being compensated for the orders.compensating gauge failed; it shows the last "
            + "count")]
    public static partial void CompensatingNotCounted(ILogger logger, Exception exception);
}
