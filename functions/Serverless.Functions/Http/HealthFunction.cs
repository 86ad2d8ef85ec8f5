using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Serverless.Functions.Http;

/// <summary><c>GET /api/health</c>: <c>{"status":"Healthy"}</c> with no key, as in the local host.</summary>
public static class HealthFunction
{
    /// <summary><c>GET /api/health</c>.</summary>
    [Function("Health")]
    public static IResult Health([HttpTrigger(
        AuthorizationLevel.Anonymous,
        "get",
        "head",
        Route = "health")] HttpRequest request) =>
        TypedResults.Json(new HealthStatus("Healthy"), FunctionsJsonContext.Default.HealthStatus);
}
