using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Serverless.Http;

namespace Serverless.Dashboard;

/// <summary>Maps the dashboard's pages and files.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>Where the dashboard lives.</summary>
    public const string Prefix = "/dashboard";

    /// <summary>
    /// Maps <c>GET /dashboard</c> (recent orders), <c>/dashboard/orders/{orderId}</c> (one order and its saga),
    /// <c>/dashboard/instances</c>, <c>/dashboard/poison</c>, <c>/dashboard/system</c> and the files under
    /// <c>/dashboard/assets/</c>. The files are open to anyone (they hold no data, like the Functions portal's own
    /// scripts); what the pages show comes from the API under <paramref name="apiPrefix"/> (e.g. <c>api</c>), which
    /// asks for the keys it always asks for.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> are not valid.</exception>
    public static IEndpointRouteBuilder MapDashboard(
        this IEndpointRouteBuilder endpoints,
        string apiPrefix,
        DashboardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        options?.Validate();
        var assets = new DashboardAssets(FunctionsRoutePrefix.Normalize(apiPrefix), options?.TraceLinkTemplate);
        var dashboard = endpoints.MapGroup(Prefix).AllowAnonymous().AnswerHeadWhereGet();
        foreach (var page in DashboardPage.All)
        {
            var asset = assets.Find(page.File)
                ?? throw new InvalidOperationException($"The dashboard has no {page.File}.");
            dashboard.MapGet(page.Route, (HttpContext context) => Send(context, asset));
        }

        dashboard.MapGet("/assets/{name}", (string name, HttpContext context) =>
            assets.Find(name) is { } asset && !name.EndsWith(".html", StringComparison.Ordinal)
                ? Send(context, asset)
                : Results.Problem(
                    $"The dashboard has no file '{name}'.",
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Not Found"));
        return endpoints;
    }

    private static IResult Send(HttpContext context, DashboardAsset asset)
    {
        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = DashboardHeaders.CacheControl;
        headers.ContentSecurityPolicy = DashboardHeaders.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        var match = context.Request.Headers.IfNoneMatch;
        if (match.Count > 0 && EntityTagHeaderValue.TryParseList(match, out var tags)
            && tags.Any(t => t.Tag == "*" || t.Tag.Equals(asset.ETag, StringComparison.Ordinal)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
