using System.Diagnostics;

namespace Serverless.Durable;

/// <summary>The engine's OpenTelemetry source: spans around episodes and activity executions.</summary>
public static class DurableDiagnostics
{
    /// <summary>The name to subscribe to (<c>AddSource("Serverless.Durable")</c>).</summary>
    public const string SourceName = "Serverless.Durable";

    internal static readonly ActivitySource Source = new(SourceName);
}
