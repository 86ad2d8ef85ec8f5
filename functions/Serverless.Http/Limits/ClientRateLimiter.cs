using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Serverless.Http.Limits;

/// <summary>
/// The one definition of the per-client limit, which each host applies its own way (the local host as ASP.NET Core's
/// global rate limiter, the Function App in a worker middleware): a token bucket per client, partitioned by the
/// client's function key, else by its remote address.
/// </summary>
public static class ClientRateLimiter
{
    /// <summary>
    /// The limiter for <paramref name="options"/>. <paramref name="clientKey"/> gives the function key a request was
    /// accepted with, or <see langword="null"/>: only a key the host has checked may name a partition, or a client
    /// could pick a fresh bucket with every request.
    /// </summary>
    public static PartitionedRateLimiter<HttpContext> Create(
        ClientRateLimitOptions options,
        Func<HttpContext, string?> clientKey)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clientKey);
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.TokenLimit,
            TokensPerPeriod = options.TokensPerPeriod,
            ReplenishmentPeriod = options.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        return PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetTokenBucketLimiter(PartitionOf(context, clientKey), _ => bucket));
    }

    /// <summary>
    /// Answers a refused request: 429 with <c>Retry-After</c> (whole seconds, at least 1) and problem+json.
    /// </summary>
    public static Task RefuseAsync(HttpContext context, RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lease);
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return RetryLater.WriteAsync(
            context,
            StatusCodes.Status429TooManyRequests,
            retryAfter,
            "This client has made more requests than its rate limit allows; retry after the Retry-After delay.");
    }

    // The key is hashed so that the limiter's partitions never hold a secret.
    private static string PartitionOf(HttpContext context, Func<HttpContext, string?> clientKey) =>
        clientKey(context) is { Length: > 0 } key
            ? "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))
            : "ip:" + context.Connection.RemoteIpAddress;
}
