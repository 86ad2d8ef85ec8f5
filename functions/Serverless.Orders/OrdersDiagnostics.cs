using System.Diagnostics;

namespace Serverless.Orders;

/// <summary>
/// The function set's OpenTelemetry source: the messaging spans of integration events (publish to and process from the
/// <c>order-events</c> queue), named and tagged as docs/observability.md describes.
/// </summary>
public static class OrdersDiagnostics
{
    /// <summary>The name to subscribe to (<c>AddSource("Serverless.Orders")</c>).</summary>
    public const string SourceName = "Serverless.Orders";

    internal static readonly ActivitySource Source = new(SourceName);
}
