namespace Serverless.Hosting.Http;

/// <summary>The body of <c>GET /api/health</c>.</summary>
/// <param name="Status">Always <c>Healthy</c> while the host serves requests.</param>
public sealed record HealthResponse(string Status)
{
    /// <summary>The one answer the health function gives.</summary>
    public static HealthResponse Healthy { get; } = new("Healthy");
}
