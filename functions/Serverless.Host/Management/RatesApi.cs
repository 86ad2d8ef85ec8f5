using Microsoft.AspNetCore.Http.HttpResults;
using Serverless.Hosting;
using Serverless.Http;
using Serverless.Orders.Rates;

namespace Serverless.Host.Management;

/// <summary>
/// <c>GET /api/health/rates?minutes=N</c> (admin): orders placed and settled per second and the sagas' p50 and p99
/// over the last N minutes (1-10, default 5), in 10-second buckets, as this process counted them
/// (<see cref="OrderRates"/>: in memory, so every backend answers it without a storage request).
/// </summary>
internal static class RatesApi
{
    public const int DefaultMinutes = 5;

    public static IEndpointRouteBuilder MapRatesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFunctionsApi().MapGet("/health/rates", Read).AsFunction("HealthRates", AuthorizationLevel.Admin);
        return endpoints;
    }

    private static Results<JsonHttpResult<RatesResponse>, ValidationProblem> Read(
        string? minutes,
        OrderRates rates,
        TimeProvider time)
    {
        var max = (int)OrderRates.Retention.TotalMinutes;
        if (!QueryValues.TryParsePageSize(minutes, DefaultMinutes, max, out var span))
        {
            return FunctionResults.FieldProblem("minutes", $"must be a whole number between 1 and {max}.");
        }

        var reading = rates.Read(time.GetUtcNow(), TimeSpan.FromMinutes(span));
        return TypedResults.Json(
            new RatesResponse(
                span * 60,
                OrderRates.BucketLength.TotalSeconds,
                RateResponse.From(reading.Total),
                reading.Buckets.Select(RateResponse.From).ToList()),
            ManagementJsonContext.Default.RatesResponse);
    }
}
