using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Hosting.Catalog;
using Serverless.Hosting.Configuration;
using Serverless.Http.Configuration;
using Serverless.Hosting.Http;
using Serverless.Hosting.Http.Admission;
using Serverless.Hosting.Lifecycle;
using Serverless.Hosting.Queues;
using Serverless.Http;
using Serverless.Http.Limits;
using Serverless.Workers.Queues;

namespace Serverless.Hosting;

/// <summary>
/// Wires the functions host onto a <see cref="WebApplicationBuilder"/>: the one
/// <see cref="LocalFunctionsHost.CreateBuilder"/> makes, or one from <c>WebApplication.CreateSlimBuilder(args)</c>.
/// </summary>
public static class FunctionsHostBuilderExtensions
{
    /// <summary>
    /// Adds configuration the Functions way (command line &gt; environment &gt; <c>local.settings.json</c> &gt; the
    /// <c>host.json</c> settings of <see cref="HostJsonSettings"/>, from the content root or else the app's folder &gt;
    /// defaults), detects the <see cref="HostingMode"/> (registered as <see cref="FunctionsHostEnvironment"/>), and
    /// registers Kestrel on the mode's loopback endpoint with the body limit, problem details, the JSON resolver chain
    /// (insert your own <c>JsonSerializerContext</c> with <c>ConfigureHttpJsonOptions</c>), function keys, the
    /// <see cref="FunctionCatalog"/>, one-line console logs, the shutdown timeout and, in local mode, the queue
    /// pollers. Register an <see cref="Storage.IStorageProvider"/> when there are queue functions. Pair with
    /// <see cref="FunctionsApplicationExtensions.UseFunctionsHost"/>.
    /// </summary>
    public static WebApplicationBuilder AddFunctionsHost(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        configuration.AddFunctionsConfiguration(builder.Environment.ContentRootPath);
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        // Above the defaults, below local.settings.json, environment and command line.
        configuration.AddHostJsonSettings(1, builder.Environment.ContentRootPath, AppContext.BaseDirectory);

        var environment = FunctionsHostEnvironment.FromConfiguration(
            configuration,
            builder.Environment.ContentRootPath);
        var services = builder.Services;
        services.AddSingleton(environment);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<FunctionsHostOptions>().Bind(configuration.GetSection(FunctionsHostOptions.SectionName));
        services.AddOptions<QueuePumpOptions>().Bind(configuration.GetSection(QueuePumpOptions.SectionName));
        services.AddSingleton<IValidateOptions<FunctionsHostOptions>>(
            new RulesValidator<FunctionsHostOptions>(static options => options.Validate()));
        services.AddSingleton<IValidateOptions<QueuePumpOptions>>(
            new RulesValidator<QueuePumpOptions>(static options => options.Validate()));

        if (environment.ListenEndpoint is { } endpoint)
        {
            services.AddOptions<KestrelServerOptions>().Configure<IOptions<FunctionsHostOptions>>((kestrel, options) =>
            {
                kestrel.Listen(endpoint);
                kestrel.Limits.MaxRequestBodySize = options.Value.MaxRequestBodySize;
                kestrel.AddServerHeader = false;
            });
        }
        services.AddOptions<HostOptions>().Configure<IOptions<FunctionsHostOptions>>((host, options) =>
        {
            host.ShutdownTimeout = options.Value.ShutdownTimeout;
            // Kestrel and the pollers drain side by side, sharing one timeout instead of taking turns.
            host.ServicesStopConcurrently = true;
        });

        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(
            0,
            HostingJsonContext.Default));
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = FunctionProblems.Customize);
        services.Configure<ExceptionHandlerOptions>(handler =>
        {
            // A client's bad request (oversize or malformed body) keeps its own status; anything else is a 500.
            handler.StatusCodeSelector = static ex =>
                ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            handler.SuppressDiagnosticsCallback = static context => context.Exception is BadHttpRequestException;
        });

        services.TryAddSingleton<FunctionKeyMiddleware>();
        services.TryAddSingleton<RequestBodyLimitMiddleware>();
        services.TryAddSingleton<AdmissionMiddleware>();
        services.AddRateLimiter(static _ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<FunctionsHostOptions>>(static (limiter, host) =>
        {
            limiter.GlobalLimiter = ClientRateLimiter.Create(host.Value.RateLimit, FunctionKeyMiddleware.AcceptedKey);
            limiter.OnRejected = static (rejected, _) =>
                new ValueTask(ClientRateLimiter.RefuseAsync(rejected.HttpContext, rejected.Lease));
        });
        services.TryAddSingleton<IWorkBacklog>(NoWorkBacklog.Instance);
        services.TryAddSingleton<FunctionCatalog>();
        services.AddHostedService<FunctionsStartupService>();

        ConfigureConsole(builder.Logging, configuration[FunctionsHostOptions.SectionName + ":LogFormat"]);
        if (!bool.TryParse(configuration[FunctionsHostRunner.VerboseKey], out var verbose) || !verbose)
        {
            // FunctionsHostRunner reports a failed start in one line, and a failed stop still ends in an exception;
            // a faulted BackgroundService is still logged, at Critical, with its exception.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        }

        if (environment.Mode == HostingMode.Local)
        {
            services.AddLocalQueuePollers();
        }

        return builder;
    }

    // Lowest-priority configuration, so any source can override it.
    private static Dictionary<string, string?> Defaults { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    private static void ConfigureConsole(ILoggingBuilder logging, string? format)
    {
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
            return;
        }

        logging.AddSimpleConsole(simple =>
        {
            simple.SingleLine = true;
            simple.UseUtcTimestamp = true;
            simple.TimestampFormat = "HH:mm:ss.fff ";
        });
    }
}
