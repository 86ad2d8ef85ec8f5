using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serverless.Hosting;

/// <summary>
/// Creates the web application builder of a functions host: only what the host uses, so it starts fast.
/// </summary>
public static class LocalFunctionsHost
{
    /// <summary>
    /// Creates a builder from <see cref="WebApplication.CreateEmptyBuilder"/> with Kestrel (without HTTPS), routing,
    /// log levels from the <c>Logging</c> section, and configuration the Functions way (<c>local.settings.json</c> &lt;
    /// environment variables &lt; command line), then applies
    /// <see cref="FunctionsHostBuilderExtensions.AddFunctionsHost"/>. Unlike <c>WebApplication.CreateSlimBuilder</c> it
    /// reads no <c>appsettings.json</c> (so it watches no folder for changes to it), no
    /// <c>DOTNET_</c>/<c>ASPNETCORE_</c> host settings and no <c>Kestrel</c> section, and adds no host filtering or
    /// forwarded headers: the host listens on loopback only and is configured through
    /// <see cref="FunctionsHostOptions"/>.
    /// </summary>
    /// <param name="args">The command line (<c>--port 7072</c>, <c>--data-dir ./other</c>,
    /// <c>--Section:Key=value</c>).</param>
    /// <param name="contentRoot">
    /// Where <c>local.settings.json</c> is read and relative paths start; by default the working directory, as Azure
    /// Functions Core Tools does.
    /// </param>
    public static WebApplicationBuilder CreateBuilder(string[] args, string? contentRoot = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = contentRoot ?? Directory.GetCurrentDirectory(),
        });

        // The two sources AddFunctionsHost layers local.settings.json under and the mapped switches over.
        builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);
        if (HostingModeDetector.Detect(builder.Configuration) == HostingMode.Local)
        {
            // In Lambda mode the host registers its in-process server instead (Serverless.Lambda).
            builder.WebHost.UseKestrelCore();
        }

        builder.Services.AddRoutingCore();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        return builder.AddFunctionsHost();
    }
}
