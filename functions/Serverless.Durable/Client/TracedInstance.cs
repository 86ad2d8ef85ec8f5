using System.Diagnostics;
using Microsoft.DurableTask.Client;

namespace Serverless.Durable.Client;

/// <summary>
/// An instance's metadata with the W3C trace context the engine stored at its start, which the Durable Task SDK's
/// <see cref="OrchestrationMetadata"/> has no place for.
/// </summary>
/// <param name="Metadata">The instance's metadata, as <see cref="DurableTaskClient.GetInstanceAsync(string, bool,
/// CancellationToken)"/> returns it.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of its start, or <see langword="null"/> when none was stored
/// (started with no span current, or before traces were stored).</param>
public sealed record TracedInstance(OrchestrationMetadata Metadata, string? TraceParent)
{
    /// <summary>The trace id of <see cref="TraceParent"/> (32 lowercase hex digits): the order's one trace.</summary>
    public string? TraceId =>
        TraceParent is not null && ActivityContext.TryParse(TraceParent, null, out var context)
            ? context.TraceId.ToHexString()
            : null;
}
