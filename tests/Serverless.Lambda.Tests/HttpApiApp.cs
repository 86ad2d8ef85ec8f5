using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Lambda.Http;

namespace Serverless.Lambda.Tests;

/// <summary>A small ASP.NET Core app served by a <see cref="LambdaHttpServer"/>, with endpoints that echo.</summary>
internal sealed class HttpApiApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpApiApp(WebApplication app)
    {
        _app = app;
        Server = app.Services.GetRequiredService<LambdaHttpServer>();
    }

    public LambdaHttpServer Server { get; }

    /// <summary>Starts the app; <paramref name="configure"/> adds services (e.g. the Runtime API loop).</summary>
    public static async Task<HttpApiApp> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<LambdaHttpServer>();
        builder.Services.AddSingleton<IServer>(sp => sp.GetRequiredService<LambdaHttpServer>());
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        string[] getOrHead = ["GET", "HEAD"];
        app.MapMethods("/api/echo", getOrHead, (HttpContext context) => Results.Json(new Dictionary<string, string?>
        {
            ["method"] = context.Request.Method,
            ["pathBase"] = context.Request.PathBase.Value,
            ["path"] = context.Request.Path.Value,
            ["query"] = context.Request.Query["x"].ToString(),
            ["header"] = context.Request.Headers["x-custom"].ToString(),
            ["cookie"] = context.Request.Cookies["session"],
            ["remote"] = context.Connection.RemoteIpAddress?.ToString(),
            ["scheme"] = context.Request.Scheme,
            ["traceIdentifier"] = context.TraceIdentifier,
        }));
        app.MapPost("/api/bytes", async (HttpContext context) =>
        {
            using var copy = new MemoryStream();
            await context.Request.Body.CopyToAsync(copy);
            context.Response.Cookies.Append("a", "1");
            context.Response.Cookies.Append("b", "2");
            context.Response.Headers.Append("x-many", new[] { "one", "two" });
            return Results.Bytes(copy.ToArray().Reverse().ToArray(), "application/octet-stream");
        });
        app.MapPost("/api/text", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync();
            return Results.Text(text.ToUpperInvariant() + ":" + context.Request.ContentLength, statusCode: 201);
        });
        app.MapGet("/api/throws", IResult () => throw new InvalidOperationException("boom"));
        app.MapGet("/api/fails-late", async (HttpContext context) =>
        {
            await context.Response.WriteAsync("partial");
            throw new InvalidOperationException("late");
        });
        app.MapPost("/api/bound", (Greeting greeting) => Results.Text("hello " + greeting.Name));
        app.MapGet("/api/large", () => Results.Bytes(new byte[7 * 1024 * 1024], "application/octet-stream"));
        app.MapGet("/api/starts-late", (HttpContext context) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["x-started"] = "yes";
                return Task.CompletedTask;
            });
            return Results.NoContent();
        });
        await app.StartAsync();
        return new HttpApiApp(app);
    }

    /// <summary>A body parameter minimal APIs bind by inference.</summary>
    public sealed record Greeting(string Name);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
