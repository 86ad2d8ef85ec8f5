using Xunit;

namespace Serverless.Testing.Telemetry;

/// <summary>The spans of one trace, with the questions tests ask of its shape.</summary>
public sealed class TraceTree
{
    public TraceTree(IEnumerable<TraceSpan> spans, string traceId)
    {
        ArgumentNullException.ThrowIfNull(spans);
        TraceId = traceId;
        Spans = [.. spans.Where(s => s.TraceId == traceId)];
    }

    public string TraceId { get; }

    public IReadOnlyList<TraceSpan> Spans { get; }

    /// <summary>The spans named exactly <paramref name="name"/>.</summary>
    public IReadOnlyList<TraceSpan> Named(string name) => [.. Spans.Where(s => s.Name == name)];

    /// <summary>The one span named <paramref name="name"/> (fails with the whole tree otherwise).</summary>
    public TraceSpan One(string name)
    {
        var named = Named(name);
        Assert.True(named.Count == 1, $"Expected one '{name}' span, found {named.Count}:\n{this}");
        return named[0];
    }

    /// <summary>The parent of <paramref name="span"/> in this trace (fails when it is not in it).</summary>
    public TraceSpan Parent(TraceSpan span)
    {
        ArgumentNullException.ThrowIfNull(span);
        var parent = Spans.FirstOrDefault(s => s.SpanId == span.ParentSpanId);
        Assert.True(parent is not null, $"The parent {span.ParentSpanId} of {span} is not in the trace:\n{this}");
        return parent!;
    }

    /// <summary>
    /// Asserts that every span's parent is in the trace, but for spans whose parent is <paramref name="rootParent"/>
    /// (the caller's own context), and that no span id occurs twice.
    /// </summary>
    public void AssertConnected(string? rootParent)
    {
        var ids = Spans.Select(s => s.SpanId).ToList();
        Assert.True(ids.Count == ids.Distinct().Count(), $"A span id occurs twice:\n{this}");
        var orphans = Spans.Where(s => s.ParentSpanId != rootParent && !ids.Contains(s.ParentSpanId!)).ToList();
        Assert.True(
            orphans.Count == 0,
            $"Spans whose parent is not in the trace: {string.Join("; ", orphans)}\n{this}");
    }

    /// <inheritdoc />
    public override string ToString() => string.Join('\n', Spans.Select(s => s.ToString()));
}
