using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serverless.Functions.Telemetry;
using Serverless.Functions.Tests.Support;

namespace Serverless.Functions.Tests;

/// <summary>
/// The Function App's OpenTelemetry export, from a started host whose services AddFunctionApp composes (the exporter
/// adds its trace and log processors when the host starts, as the worker's host does): off without an Application
/// Insights connection string; with one, the worker's spans, metrics and logs reach the component's ingestion endpoint
/// (a recording endpoint on loopback plays it: the connection string's IngestionEndpoint points there, and without an
/// authentication string the exporter sends by instrumentation key, so plain HTTP will do).
/// </summary>
public sealed class FunctionAppTelemetryTests
{
    private const string InstrumentationKey = "6f1e7c2a-0b5d-4c8e-9a31-2d4f6b8e0c17";
    private const string WorkerTelemetryCapability = "WorkerOpenTelemetryEnabled";

    private static readonly Action<ILogger, int, Exception?> Probe =
        LoggerMessage.Define<int>(LogLevel.Information, new EventId(1), "telemetry probe {Number}");

    [Fact]
    public async Task Without_a_connection_string_the_app_registers_no_OpenTelemetry_and_leaves_its_logs_to_the_host()
    {
        using var host = await StartAsync(new Dictionary<string, string?>());
        var services = host.Services;

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
        Assert.DoesNotContain(services.GetServices<ILoggerProvider>(), p => p is OpenTelemetryLoggerProvider);
        Assert.False(Worker(services).Capabilities.ContainsKey(WorkerTelemetryCapability));
    }

    [Fact]
    public async Task With_a_connection_string_spans_metrics_logs_and_http_calls_reach_its_ingestion_endpoint()
    {
        await using var ingestion = await RecordingEndpoint.StartAsync(Accepted);
        using var host = await StartAsync(new Dictionary<string, string?>
        {
            [FunctionAppTelemetry.ConnectionStringSetting] =
                $"InstrumentationKey={InstrumentationKey};IngestionEndpoint={ingestion.Url}",
        });
        var services = host.Services;
        var tracing = services.GetRequiredService<TracerProvider>();
        var metrics = services.GetRequiredService<MeterProvider>();
        var logging = services.GetRequiredService<LoggerProvider>();

        // Sources by their names, as the Durable Task SDK and Serverless.Orders create theirs.
        using (var durableTask = new ActivitySource(FunctionAppTelemetry.DurableTaskSource))
        using (var engine = new ActivitySource("Serverless.Durable"))
        {
            durableTask.StartActivity("orchestration:PlaceOrder", ActivityKind.Server)?.Dispose();
            engine.StartActivity("episode", ActivityKind.Internal)?.Dispose();
        }

        using (var meter = new Meter(FunctionAppTelemetry.OrdersMeter))
        {
            meter.CreateCounter<long>("orders.telemetry_probe").Add(3);
            Assert.True(metrics.ForceFlush());
        }

        using (var http = new HttpClient())
        {
            (await http.GetAsync(new Uri(ingestion.Url, "probe"))).EnsureSuccessStatusCode();
        }

        Probe(services.GetRequiredService<ILoggerFactory>().CreateLogger("Serverless.Functions.Tests"), 42, null);
        Assert.True(tracing.ForceFlush());
        Assert.True(logging.ForceFlush());

        var envelopes = Envelopes(ingestion);
        Assert.All(envelopes, e => Assert.Equal(InstrumentationKey, e.GetProperty("iKey").GetString()));
        Assert.Contains(envelopes, e => Name(e) == "Request" && BaseData(e, "name") == "orchestration:PlaceOrder");
        Assert.DoesNotContain(envelopes, e => BaseData(e, "name") == "episode");
        Assert.Contains(envelopes, e => Name(e) == "RemoteDependency"
            && (BaseData(e, "data") ?? "").EndsWith("/probe", StringComparison.Ordinal));
        Assert.Contains(envelopes, e => Name(e) == "Metric" && e.GetProperty("data").GetProperty("baseData")
            .GetProperty("metrics").EnumerateArray().Any(m => m.GetProperty("name").GetString() ==
                "orders.telemetry_probe"));
        Assert.Contains(envelopes, e => Name(e) == "Message" && BaseData(e, "message") == "telemetry probe 42");
        Assert.Equal(bool.TrueString, Worker(services).Capabilities[WorkerTelemetryCapability]);
    }

    [Fact]
    public async Task Without_an_authentication_string_the_exporter_has_no_credential()
    {
        using var host = await StartAsync(new Dictionary<string, string?>
        {
            [FunctionAppTelemetry.ConnectionStringSetting] = $"InstrumentationKey={InstrumentationKey}",
        });

        Assert.Null(Exporter(host.Services).Credential);
    }

    [Theory]
    [InlineData(FunctionAppTelemetry.ConnectionStringSetting, "value")]
    [InlineData(AppInsightsAuthentication.Setting, "Authorization=Key")]
    [InlineData(AppInsightsAuthentication.Setting, "ClientId=00000000-0000-0000-0000-000000000001")]
    [InlineData(AppInsightsAuthentication.Setting, "Authorization=AAD;ObjectId=1")]
    public void A_malformed_telemetry_setting_stops_the_app_with_a_message_naming_it(string setting, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            [FunctionAppTelemetry.ConnectionStringSetting] = $"InstrumentationKey={InstrumentationKey}",
            [setting] = value,
        };

        var error = Assert.Throws<InvalidOperationException>(() => Builder(settings));

        Assert.StartsWith(setting + " ", error.Message, StringComparison.Ordinal);
    }

    internal static async Task<IHost> StartAsync(Dictionary<string, string?> settings)
    {
        var host = Builder(settings).Build();
        await host.StartAsync();
        return host;
    }

    // The worker's host reads app settings from the environment; an in-memory source stands in for it here.
    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { DisableDefaults = true });
        settings["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddFunctionApp(builder.Configuration);
        builder.Services.PostConfigure<AzureMonitorExporterOptions>(ForTests);
        return builder;
    }

    // The exporter's defaults that do not suit a test: it keeps what it could not send in a folder per instrumentation
    // key and sends it later from any process with that key (so one test would send another's telemetry, and files
    // stay behind), its live metrics go to Microsoft's endpoint, and its rate-limited sampler (5 traces a second) may
    // drop a fresh process's first span.
    private static void ForTests(AzureMonitorExporterOptions exporter)
    {
        exporter.DisableOfflineStorage = true;
        exporter.EnableLiveMetrics = false;
        exporter.TracesPerSecond = null;
        exporter.SamplingRatio = 1.0F;
    }

    internal static AzureMonitorExporterOptions Exporter(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);

    private static WorkerOptions Worker(IServiceProvider services) =>
        services.GetRequiredService<IOptions<WorkerOptions>>().Value;

    // Application Insights' track endpoint answers how many items of the batch (one JSON envelope a line) it took.
    private static string Accepted(RecordedRequest request)
    {
        var items = request.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        return $$"""{"itemsReceived":{{items}},"itemsAccepted":{{items}},"errors":[]}""";
    }

    private static List<JsonElement> Envelopes(RecordingEndpoint ingestion) =>
        [.. ingestion.Requests
            .Where(r => r.PathAndQuery.EndsWith("/track", StringComparison.Ordinal))
            .SelectMany(r => r.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    private static string? Name(JsonElement envelope) => envelope.GetProperty("name").GetString();

    private static string? BaseData(JsonElement envelope, string property) =>
        envelope.GetProperty("data").GetProperty("baseData").TryGetProperty(property, out var value)
            ? value.GetString()
            : null;
}
