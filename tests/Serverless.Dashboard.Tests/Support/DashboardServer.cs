using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Dashboard;

namespace Serverless.Dashboard.Tests.Support;

/// <summary>The dashboard alone, mapped on an in-process Kestrel on a free loopback port.</summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    public static async Task<DashboardServer> StartAsync(string apiPrefix = "api", DashboardOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        builder.WebHost.UseUrls(address.ToString());
        builder.Logging.ClearProviders();
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        app.MapDashboard(apiPrefix, options);
        await app.StartAsync();
        return new DashboardServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
