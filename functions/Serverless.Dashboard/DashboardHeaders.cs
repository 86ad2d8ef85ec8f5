namespace Serverless.Dashboard;

/// <summary>The headers every dashboard file is sent with.</summary>
internal static class DashboardHeaders
{
    /// <summary>
    /// Scripts, styles and images from the host only, no inline script or style, no framing, requests to the host
    /// only: the pages call the API on the origin that served them.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Revalidated on every use (by ETag), so a new host version's files are never mixed with old ones.
    /// </summary>
    public const string CacheControl = "no-cache";
}
