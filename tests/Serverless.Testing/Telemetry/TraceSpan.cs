using System.Diagnostics;
using System.Globalization;

namespace Serverless.Testing.Telemetry;

/// <summary>
/// A finished span as a test reads it, whichever way it was exported: decoded from OTLP (<see cref="OtlpTraceReader"/>)
/// or taken from the in-memory exporter (<see cref="FromActivity"/>). Ids are lower-case hex; attribute values text.
/// </summary>
public sealed record TraceSpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    TraceSpanKind Kind,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<TraceSpanEvent> Events,
    IReadOnlyList<TraceSpanLink> Links,
    TraceSpanStatus Status,
    string? StatusMessage)
{
    /// <summary>The service that exported it (the resource's <c>service.name</c>), when read from OTLP.</summary>
    public string? Service { get; init; }

    /// <summary>The attribute <paramref name="key"/>, or null.</summary>
    public string? this[string key] => Attributes.GetValueOrDefault(key);

    /// <summary>The span as the in-memory exporter holds it.</summary>
    public static TraceSpan FromActivity(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new TraceSpan(
            activity.TraceId.ToHexString(),
            activity.SpanId.ToHexString(),
            activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
            activity.DisplayName,
            (TraceSpanKind)((int)activity.Kind + 1),
            activity.TagObjects.ToDictionary(t => t.Key, t => Text(t.Value), StringComparer.Ordinal),
            [.. activity.Events.Select(e => new TraceSpanEvent(
                e.Name,
                e.Tags.ToDictionary(t => t.Key, t => Text(t.Value), StringComparer.Ordinal)))],
            [.. activity.Links.Select(l => new TraceSpanLink(
                l.Context.TraceId.ToHexString(),
                l.Context.SpanId.ToHexString()))],
            activity.Status switch
            {
                ActivityStatusCode.Ok => TraceSpanStatus.Ok,
                ActivityStatusCode.Error => TraceSpanStatus.Error,
                _ => TraceSpanStatus.Unset,
            },
            activity.StatusDescription);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name} [{Kind}] {TraceId}/{SpanId} <- {ParentSpanId ?? "-"} {Status}" +
            $" {{{string.Join(", ", Attributes.Select(a => $"{a.Key}={a.Value}"))}}}";

    private static string Text(object? value) =>
        Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
}

/// <summary>A span's kind, numbered as OTLP numbers it.</summary>
public enum TraceSpanKind
{
    /// <summary>Not given.</summary>
    Unspecified,

    /// <summary>Internal work.</summary>
    Internal,

    /// <summary>The server side of a call.</summary>
    Server,

    /// <summary>The client side of a call.</summary>
    Client,

    /// <summary>Sends a message.</summary>
    Producer,

    /// <summary>Handles a message.</summary>
    Consumer,
}

/// <summary>A span's status, numbered as OTLP numbers it.</summary>
public enum TraceSpanStatus
{
    /// <summary>Not set.</summary>
    Unset,

    /// <summary>Ok.</summary>
    Ok,

    /// <summary>Error.</summary>
    Error,
}

/// <summary>An event of a span (<c>exception</c>, ...).</summary>
public sealed record TraceSpanEvent(string Name, IReadOnlyDictionary<string, string> Attributes);

/// <summary>A link of a span to another span.</summary>
public sealed record TraceSpanLink(string TraceId, string SpanId);
