using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Serverless.Hosting.Telemetry;

/// <summary>
/// The host's OpenTelemetry export, off unless configured (<see cref="TelemetryExportSettings"/>): with no OTLP
/// endpoint set, nothing of OpenTelemetry is registered, so no span or measurement is even recorded.
/// </summary>
public static class OpenTelemetryExportExtensions
{
    /// <summary>
    /// The service name when neither <c>OTEL_SERVICE_NAME</c> nor <c>OTEL_RESOURCE_ATTRIBUTES</c> gives one.
    /// </summary>
    public const string DefaultServiceName = "serverless-host";

    /// <summary>
    /// Exports over OTLP, as configured: spans of <paramref name="sources"/>, ASP.NET Core's server and the host's
    /// HttpClient calls; measurements of <paramref name="meters"/>, ASP.NET Core, HttpClient and the .NET runtime; and
    /// the host's logs.
    /// </summary>
    /// <exception cref="InvalidSettingException">An <c>OTEL_*</c> setting is malformed.</exception>
    public static WebApplicationBuilder AddOpenTelemetryExport(
        this WebApplicationBuilder builder, IReadOnlyList<string> sources, IReadOnlyList<string> meters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = TelemetryExportSettings.Read(builder.Configuration);
        if (!settings.Any)
        {
            return builder;
        }

        if (!OtlpExportFeature.IsSupported)
        {
            throw new InvalidSettingException(OtlpExportFeature.Missing(TelemetryExportSettings.EndpointKey));
        }

        Register(builder, settings, sources, meters);
        return builder;
    }

    private static void Register(
        WebApplicationBuilder builder,
        TelemetryExportSettings settings,
        IReadOnlyList<string> sources,
        IReadOnlyList<string> meters)
    {
        var configuration = builder.Configuration;
        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource =>
        {
            if (string.IsNullOrEmpty(configuration["OTEL_SERVICE_NAME"]) &&
                configuration["OTEL_RESOURCE_ATTRIBUTES"]?.Contains("service.name=", StringComparison.Ordinal) != true)
            {
                resource.AddService(DefaultServiceName);
            }
        });
        if (settings.Traces)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource([.. sources])
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = IsNotRuntimeApi)
                .AddOtlpExporter());
        }

        if (settings.Metrics)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddMeter([.. meters])
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter());
        }

        if (settings.Logs)
        {
            telemetry.WithLogging(logging => logging.AddOtlpExporter());
        }
    }

    // Lambda mode's long polls of the Runtime API for the next invocation are the loop itself, not the function's work.
    private static bool IsNotRuntimeApi(HttpRequestMessage request) =>
        request.RequestUri?.AbsolutePath.StartsWith("/2018-06-01/runtime/", StringComparison.Ordinal) != true;
}
