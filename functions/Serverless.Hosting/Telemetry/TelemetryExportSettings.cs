using Microsoft.Extensions.Configuration;

namespace Serverless.Hosting.Telemetry;

/// <summary>
/// Which signals the host exports over OTLP, read from OpenTelemetry's standard environment variables (or the same keys
/// in <c>local.settings.json</c>'s <c>Values</c>). Nothing is exported unless an OTLP endpoint is set; then traces,
/// metrics and logs each go unless <c>OTEL_{SIGNAL}_EXPORTER=none</c>, and <c>OTEL_SDK_DISABLED=true</c> turns it all
/// off. The exporter itself reads the rest (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>_HEADERS</c>, <c>_TIMEOUT</c>,
/// <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>, <c>OTEL_TRACES_SAMPLER</c>, ...).
/// </summary>
public sealed record TelemetryExportSettings(bool Traces, bool Metrics, bool Logs)
{
    /// <summary>The endpoint of every signal (the exporter appends <c>/v1/traces</c> and so on for HTTP).</summary>
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The transport: <c>grpc</c> (the exporter's default) or <c>http/protobuf</c>.</summary>
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>Whether any signal is exported: when none is, the host registers no OpenTelemetry at all.</summary>
    public bool Any => Traces || Metrics || Logs;

    /// <summary>
    /// Reads the settings; a malformed endpoint or an unknown protocol is refused in one line naming the setting.
    /// </summary>
    /// <exception cref="InvalidSettingException">A setting is malformed.</exception>
    public static TelemetryExportSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (bool.TryParse(configuration["OTEL_SDK_DISABLED"], out var disabled) && disabled)
        {
            return new TelemetryExportSettings(false, false, false);
        }

        var protocol = configuration[ProtocolKey];
        if (!string.IsNullOrEmpty(protocol) && protocol is not ("grpc" or "http/protobuf"))
        {
            throw new InvalidSettingException(
                $"{ProtocolKey} is '{protocol}': use grpc or http/protobuf (or leave it unset for grpc).");
        }

        var common = Endpoint(configuration, EndpointKey);
        return new TelemetryExportSettings(
            Signal(configuration, common, "TRACES"),
            Signal(configuration, common, "METRICS"),
            Signal(configuration, common, "LOGS"));
    }

    private static bool Signal(IConfiguration configuration, bool common, string signal) =>
        (common || Endpoint(configuration, $"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT")) &&
        !string.Equals(configuration[$"OTEL_{signal}_EXPORTER"], "none", StringComparison.OrdinalIgnoreCase);

    private static bool Endpoint(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? true
            : throw new InvalidSettingException(
                $"{key} is '{value}': it must be an absolute http:// or https:// address (http://127.0.0.1:4318).");
    }
}
