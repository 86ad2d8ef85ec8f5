using Serverless.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Hosting.Http;
using Serverless.Hosting.Http.Admission;

namespace Serverless.Hosting;

/// <summary>The request pipeline and routes of the functions host.</summary>
public static class FunctionsApplicationExtensions
{
    /// <summary>
    /// Adds the pipeline — problem+json for exceptions and for empty 4xx/5xx answers (404, 405), routing, the 413 check
    /// on declared body sizes, the function-key check, the per-client rate limit (when on), admission control — and
    /// maps <c>GET /api/health</c>. Call it right after
    /// <c>builder.Build()</c>, before mapping the feature APIs (see <see cref="MapFunctionsApi"/>).
    /// </summary>
    public static WebApplication UseFunctionsHost(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();

        var bodyLimit = app.Services.GetRequiredService<RequestBodyLimitMiddleware>();
        app.Use((context, next) => bodyLimit.InvokeAsync(context, next));
        var keys = app.Services.GetRequiredService<FunctionKeyMiddleware>();
        app.Use((context, next) => keys.InvokeAsync(context, next));
        var limits = app.Services.GetRequiredService<IOptions<FunctionsHostOptions>>().Value.RateLimit;
        if (limits.Enabled)
        {
            app.UseRateLimiter();
        }

        var admission = app.Services.GetRequiredService<AdmissionMiddleware>();
        app.Use((context, next) => admission.InvokeAsync(context, next));

        app.MapFunctionsApi()
            .MapGet("/health", static () => TypedResults.Ok(HealthResponse.Healthy))
            .AsFunction("Health", AuthorizationLevel.Anonymous);
        return app;
    }

    /// <summary>
    /// The route group that HTTP functions are mapped in (<c>/api</c>, or
    /// <see cref="FunctionsHostOptions.RoutePrefix"/>), e.g. <c>app.MapFunctionsApi().MapOrdersApi()</c>. Mark each
    /// endpoint with <c>.AsFunction(name, level)</c>.
    /// </summary>
    public static RouteGroupBuilder MapFunctionsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var prefix = endpoints.ServiceProvider.GetService<IOptions<FunctionsHostOptions>>()?.Value.RoutePrefix
            ?? FunctionsRoutePrefix.Default;
        return endpoints.MapGroup("/" + prefix.Trim('/'));
    }
}
