using System.Diagnostics.CodeAnalysis;

namespace Serverless.Hosting.Telemetry;

/// <summary>
/// Whether this build carries the OTLP export. The OpenTelemetry SDK, its exporter and instrumentations are 6.4 MiB of
/// native code in the AOT host (21.5 MiB against 15.1 MiB), so a publish carries them only with
/// <c>-p:Telemetry=Otlp</c> (docs/builds.md); a build for development (dotnet build/run, the tests) carries them.
/// </summary>
public static class OtlpExportFeature
{
    /// <summary>The feature switch a publish without <c>-p:Telemetry=Otlp</c> sets to false.</summary>
    public const string Switch = "Serverless.Hosting.Otlp";

    /// <summary>Whether the export is built in; Native AOT and the trimmer fold it to a constant.</summary>
    [FeatureSwitchDefinition(Switch)]
    public static bool IsSupported => !AppContext.TryGetSwitch(Switch, out var enabled) || enabled;

    /// <summary>The one line a build without the export prints when <paramref name="setting"/> asks for it.</summary>
    public static string Missing(string setting) =>
        $"{setting} is set, but this host was published without OpenTelemetry export (publish it with " +
        $"-p:Telemetry=Otlp, or unset {setting}).";
}
