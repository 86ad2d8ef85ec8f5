using System.Diagnostics;
using SpanContext = System.Diagnostics.ActivityContext;

namespace Serverless.Orders.Events;

/// <summary>
/// The messaging spans of <c>order-events</c>, after OpenTelemetry's messaging conventions: <c>send order-events</c>
/// (producer) where an event is published, <c>process order-events</c> (consumer) where it is handled, a child of the
/// context the event carries (its <c>traceparent</c>, as CloudEvents' distributed tracing extension names it).
/// </summary>
internal static class OrderEventSpans
{
    /// <summary>The <c>messaging.system</c> of the function set's queue port (no registered value fits).</summary>
    public const string MessagingSystem = "serverless.queue";

    /// <summary>The span of sending <paramref name="confirmed"/>; its context goes into the event.</summary>
    public static Activity? StartSend(OrderConfirmed confirmed) =>
        Start("send", ActivityKind.Producer, default, confirmed.OrderId);

    /// <summary>
    /// The span of handling an event, a child of the context it carries (of the current one if it carries none: an
    /// event sent before contexts were carried, or a body that is not an event).
    /// </summary>
    public static Activity? StartProcess(OrderConfirmed? confirmed) =>
        Start(
            "process",
            ActivityKind.Consumer,
            confirmed?.TraceParent is { } traceParent &&
                SpanContext.TryParse(traceParent, confirmed.TraceState, isRemote: true, out var parent)
                ? parent
                : default,
            confirmed?.OrderId);

    /// <summary>
    /// Marks <paramref name="span"/> failed by <paramref name="exception"/>; returns false, so that it serves as an
    /// exception filter that records and catches nothing.
    /// </summary>
    public static bool Failed(Activity? span, Exception exception)
    {
        span?.SetStatus(ActivityStatusCode.Error, exception.Message).AddException(exception);
        return false;
    }

    /// <summary>The W3C context of <paramref name="span"/> (or the current one) as the event carries it.</summary>
    public static OrderConfirmed Carrying(OrderConfirmed confirmed, Activity? span) =>
        (span ?? Activity.Current) is { } carried
            ? confirmed with
            {
                TraceParent = $"00-{carried.TraceId.ToHexString()}-{carried.SpanId.ToHexString()}-" +
                    (carried.Recorded ? "01" : "00"),
                TraceState = carried.TraceStateString,
            }
            : confirmed;

    private static Activity? Start(string operation, ActivityKind kind, SpanContext parent, string? orderId)
    {
        var span = OrdersDiagnostics.Source.StartActivity($"{operation} {OrderEventPublisher.QueueName}", kind, parent);
        span?.SetTag("messaging.system", MessagingSystem)
            .SetTag("messaging.destination.name", OrderEventPublisher.QueueName)
            .SetTag("messaging.operation.name", operation)
            .SetTag("messaging.operation.type", operation)
            .SetTag("serverless.order.id", orderId);
        return span;
    }
}
