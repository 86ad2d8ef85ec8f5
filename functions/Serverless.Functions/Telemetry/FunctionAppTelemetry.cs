using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Serverless.Functions.Telemetry;

/// <summary>
/// The Function App's OpenTelemetry export to Azure Monitor (Application Insights): the worker's traces, metrics and
/// logs, next to what the Functions host exports itself (host.json's <c>telemetryMode</c>).
/// </summary>
public static class FunctionAppTelemetry
{
    /// <summary>The Application Insights connection string: when it is set, the worker exports.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The Durable Task SDK's activity source: orchestrations started, run and raised in the worker.</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>The order function set's meter (Serverless.Orders).</summary>
    public const string OrdersMeter = "Serverless.Orders";

    /// <summary>
    /// With <see cref="ConnectionStringSetting"/> set: OpenTelemetry with the Functions worker's defaults (its
    /// invocation spans, the resource of the Function App; the host then leaves the worker's logs to it), the Durable
    /// Task SDK's spans, the orders meter, HttpClient calls, and every log, exported to that component with the
    /// credential <see cref="AppInsightsAuthentication"/> reads. Without it nothing is registered, and the Functions
    /// host keeps relaying the worker's logs as before.
    /// </summary>
    /// <exception cref="InvalidOperationException">A telemetry setting is malformed.</exception>
    public static IServiceCollection AddAzureMonitorExport(
        this IServiceCollection services,
        IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        if (!connectionString.Contains("InstrumentationKey=", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{ConnectionStringSetting} has no InstrumentationKey: it is not an Application Insights connection " +
                "string (InstrumentationKey=...;IngestionEndpoint=...).");
        }

        var credential = AppInsightsAuthentication.FromConfiguration(configuration);
        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(DurableTaskSource).AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(OrdersMeter).AddHttpClientInstrumentation())
            .UseAzureMonitorExporter(exporter =>
            {
                exporter.ConnectionString = connectionString;
                exporter.Credential = credential;
            });
        return services;
    }
}
