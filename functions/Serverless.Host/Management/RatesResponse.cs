namespace Serverless.Host.Management;

/// <summary>The body of <c>GET /api/health/rates</c>.</summary>
/// <param name="WindowSeconds">How far back it reaches.</param>
/// <param name="BucketSeconds">The length of each bucket.</param>
/// <param name="Total">The whole window as one span.</param>
/// <param name="Buckets">Each bucket, oldest first, empty ones included.</param>
internal sealed record RatesResponse(
    int WindowSeconds,
    double BucketSeconds,
    RateResponse Total,
    List<RateResponse> Buckets);
