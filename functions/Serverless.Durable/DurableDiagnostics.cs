using System.Diagnostics;

namespace Serverless.Durable;

/// <summary>
/// The engine's OpenTelemetry source: spans for starts, raised events, episodes and activity runs, named and tagged as
/// docs/observability.md describes.
/// </summary>
public static class DurableDiagnostics
{
    /// <summary>The name to subscribe to (<c>AddSource("Serverless.Durable")</c>).</summary>
    public const string SourceName = "Serverless.Durable";

    internal static readonly ActivitySource Source = new(SourceName);
}
