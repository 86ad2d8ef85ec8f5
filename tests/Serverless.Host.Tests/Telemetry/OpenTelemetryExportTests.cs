using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serverless.Host.Tests.Support;
using Serverless.Hosting;
using Serverless.Testing.Telemetry;

namespace Serverless.Host.Tests.Telemetry;

/// <summary>
/// The export is off unless configured: no OpenTelemetry provider exists without an OTLP endpoint, and a malformed
/// setting stops the start in one line naming it.
/// </summary>
public sealed class OpenTelemetryExportTests
{
    [Fact]
    public async Task Without_an_OTLP_endpoint_the_host_has_no_tracer_or_meter_provider()
    {
        using var data = new TempDirectory();
        await using var app = HostApplication.Create(["--port", "0", "--data-dir", data.Path], data.Path);

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_the_host_has_both_providers()
    {
        using var data = new TempDirectory();
        await using var app = HostApplication.Create(
            ["--port", "0", "--data-dir", data.Path, "--OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:9"],
            data.Path);

        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "127.0.0.1:4318", "OTEL_SERVICE_NAME", "orders")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "collector", "OTEL_SERVICE_NAME", "orders")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9")]
    public void A_malformed_export_setting_is_refused_naming_it(string key, string value, string other, string set)
    {
        using var data = new TempDirectory();

        var refused = Assert.Throws<InvalidSettingException>(() => HostApplication.Create(
            ["--port", "0", "--data-dir", data.Path, $"--{key}={value}", $"--{other}={set}"],
            data.Path));

        Assert.StartsWith(key, refused.Message, StringComparison.Ordinal);
    }
}

/// <summary>The real host exporting spans, metrics and logs to the test's receiver, over OTLP/HTTP protobuf.</summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class OtlpExportProcessTests
{
    [Fact]
    public async Task The_host_exports_its_spans_metrics_and_logs_to_the_configured_OTLP_endpoint()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var host = await HostProcess.StartAsync(
            new HostLaunch(Environment: receiver.HostEnvironment("otlp-export")), "otlp-export");
        using var client = new HostClient(host);

        await client.SetStockAsync(TestIds.Sku("otlp"), 3, 1.00m);

        var spans = await receiver.WaitForAsync(
            s => s.Any(span => span.Kind == TraceSpanKind.Server && span["http.request.method"] == "PUT" &&
                span["http.route"]?.EndsWith("inventory/{sku}", StringComparison.Ordinal) == true),
            "the server span of the stock call is exported");
        Assert.All(spans, s => Assert.Equal("otlp-export", s.Service));
        await Eventually.TrueAsync(
            () => receiver.Requests("/v1/metrics") > 0 && receiver.Requests("/v1/logs") > 0,
            "metrics and logs are exported");
    }

    [Fact]
    public async Task With_the_always_off_sampler_the_host_exports_no_span()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var environment = new Dictionary<string, string>(receiver.HostEnvironment("otlp-off"))
        {
            ["OTEL_TRACES_SAMPLER"] = "always_off",
        };
        await using var host = await HostProcess.StartAsync(new HostLaunch(Environment: environment), "otlp-off");
        using var client = new HostClient(host);

        await Eventually.TrueAsync(() => receiver.Requests("/v1/metrics") > 0, "the host exports metrics");
        await client.SetStockAsync(TestIds.Sku("otlp-off"), 3, 1.00m);
        var exported = receiver.Requests("/v1/metrics");

        // Two metric exports after the call: a span of it, were there one, would have gone in a batch long before.
        await Eventually.TrueAsync(() => receiver.Requests("/v1/metrics") >= exported + 2, "the host exports again");

        Assert.Empty(receiver.Spans);
    }
}
