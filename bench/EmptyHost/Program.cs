// bench/coldstart's reference rows: the same server as the host, one route, none of the product. EMPTYHOST_BUILDER
// picks the builder: "slim" (default) is WebApplication.CreateSlimBuilder, the usual AOT template; "empty" is
// WebApplication.CreateEmptyBuilder with only Kestrel, routing and the command line: the leanest ASP.NET Core start,
// and what the host's LocalFunctionsHost.CreateBuilder starts from.
var lean = string.Equals(
    Environment.GetEnvironmentVariable("EMPTYHOST_BUILDER"),
    "empty",
    StringComparison.OrdinalIgnoreCase);
WebApplicationBuilder builder;
if (lean)
{
    builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
    builder.Configuration.AddCommandLine(args);
    builder.WebHost.UseKestrelCore();
    builder.Services.AddRoutingCore();
}
else
{
    builder = WebApplication.CreateSlimBuilder(args);
    // As the host logs: framework chatter at Warning and above.
    builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
}

builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration["port"] ?? "7071"}");
var app = builder.Build();
if (lean)
{
    app.UseRouting();
}

app.MapGet("/api/health", static () => TypedResults.Ok());
app.Run();
