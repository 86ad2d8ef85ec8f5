namespace Serverless.Host.Management;

/// <summary>Storage as the health check saw it.</summary>
/// <param name="Kind"><c>sqlite</c> or <c>azure</c>.</param>
/// <param name="Reachable">Whether it answered.</param>
/// <param name="LatencyMs">How long the first call took.</param>
/// <param name="Error">What failed, when it did not answer.</param>
internal sealed record StorageHealth(string Kind, bool Reachable, double LatencyMs, string? Error);
