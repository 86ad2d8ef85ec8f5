namespace Serverless.Host.Management;

/// <summary>Storage as the health check saw it.</summary>
/// <param name="Kind"><c>sqlite</c> or <c>azure</c>.</param>
/// <param name="Reachable">Whether it answered.</param>
/// <param name="LatencyMs">How long the first call took.</param>
/// <param name="Error">What failed, when it did not answer.</param>
/// <param name="Requests">The requests this process sent to storage since it started, per operation kind
/// (<c>serverless.storage.requests</c>; kinds never used are absent), counted before this health check made its own.
/// </param>
/// <param name="RequestsTotal">Their sum.</param>
internal sealed record StorageHealth(
    string Kind,
    bool Reachable,
    double LatencyMs,
    string? Error,
    SortedDictionary<string, long> Requests,
    long RequestsTotal)
{
    /// <summary>Storage as the health check saw it, with the request counts of <paramref name="requests"/>.</summary>
    public static StorageHealth Of(
        string kind,
        bool reachable,
        double latencyMs,
        string? error,
        SortedDictionary<string, long> requests) =>
        new(kind, reachable, latencyMs, error, requests, requests.Values.Sum());
}
