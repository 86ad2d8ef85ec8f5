using System.Diagnostics;
using SpanContext = System.Diagnostics.ActivityContext;

namespace Serverless.Durable.Engine;

/// <summary>
/// A W3C trace context as the engine stores it on its records and messages (<c>traceparent</c>, <c>tracestate</c>), so
/// the work a message causes joins the trace of the work that sent it, in any process and after any crash.
/// </summary>
/// <param name="TraceParent">The W3C <c>traceparent</c>: <c>00-{trace id}-{span id}-{flags}</c>.</param>
/// <param name="TraceState">The W3C <c>tracestate</c>, if any.</param>
internal sealed record StoredTrace(string TraceParent, string? TraceState)
{
    /// <summary>The context of <paramref name="span"/>; none for none.</summary>
    public static StoredTrace? Of(Activity? span) => span is null ? null : Of(span.Context);

    /// <summary>The context as stored; none for the default (invalid) context.</summary>
    public static StoredTrace? Of(SpanContext context) =>
        context.TraceId == default
            ? null
            : new StoredTrace(
                $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-" +
                    ((context.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00"),
                context.TraceState);

    /// <summary>
    /// Reads a stored context; the default context when none was stored (a record written before traces were stored)
    /// or when it does not parse.
    /// </summary>
    public static SpanContext Read(string? traceParent, string? traceState) =>
        traceParent is not null && SpanContext.TryParse(traceParent, traceState, isRemote: true, out var context)
            ? context
            : default;
}
