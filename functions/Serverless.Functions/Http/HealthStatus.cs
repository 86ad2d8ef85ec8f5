namespace Serverless.Functions.Http;

/// <summary>The body of <c>GET /api/health</c>.</summary>
/// <param name="Status">Always <c>Healthy</c> while the app serves requests.</param>
public sealed record HealthStatus(string Status);
