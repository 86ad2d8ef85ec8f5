namespace Serverless.Dashboard;

/// <summary>
/// Settings of the dashboard, from the <c>Dashboard</c> configuration section
/// (<c>--Dashboard:TraceLinkTemplate=...</c>, environment <c>Dashboard__TraceLinkTemplate</c>).
/// </summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>What <see cref="TraceLinkTemplate"/> must contain: where the order's trace id goes.</summary>
    public const string TraceIdPlaceholder = "{traceId}";

    /// <summary>
    /// Where an order's trace is shown, as an absolute http(s) URL with <c>{traceId}</c> where the 32-hex-digit W3C
    /// trace id goes, e.g. <c>http://localhost:16686/trace/{traceId}</c> (Jaeger). Unset (the default): the order page
    /// shows the trace id without a link.
    /// </summary>
    public string? TraceLinkTemplate { get; init; }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is not valid; the message is one line naming it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(TraceLinkTemplate))
        {
            return;
        }

        var template = TraceLinkTemplate;
        var key = $"{SectionName}:{nameof(TraceLinkTemplate)}";
        if (!Uri.TryCreate(template.Replace(TraceIdPlaceholder, "0", StringComparison.Ordinal), UriKind.Absolute,
                out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"{key} must be an absolute http:// or https:// URL, e.g. http://localhost:16686/trace/{{traceId}}; " +
                    $"'{template}' is not.");
        }

        if (!template.Contains(TraceIdPlaceholder, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"{key} must contain {TraceIdPlaceholder} where the trace id goes; '{template}' does not.");
        }
    }
}
