using System.Text;
using System.Text.Json;

namespace Serverless.Infra.Tests;

/// <summary>
/// What <c>bicep build|lint --diagnostics-format sarif</c> printed: one SARIF log per input file (with
/// <c>--pattern</c>, several logs one after the other on stdout), read into one list of diagnostics.
/// </summary>
internal sealed class SarifReport
{
    private SarifReport(int logs, IReadOnlyList<BicepDiagnostic> diagnostics)
    {
        Logs = logs;
        Diagnostics = diagnostics;
    }

    /// <summary>How many SARIF logs were printed: one per file the CLI processed.</summary>
    public int Logs { get; }

    public IReadOnlyList<BicepDiagnostic> Diagnostics { get; }

    public static SarifReport Parse(string standardOutput)
    {
        var reader = new Utf8JsonReader(
            Encoding.UTF8.GetBytes(standardOutput),
            new JsonReaderOptions { AllowMultipleValues = true });
        var logs = 0;
        var diagnostics = new List<BicepDiagnostic>();
        while (reader.Read())
        {
            using var log = JsonDocument.ParseValue(ref reader);
            logs++;
            foreach (var run in log.RootElement.GetProperty("runs").EnumerateArray())
            {
                foreach (var result in run.GetProperty("results").EnumerateArray())
                {
                    diagnostics.Add(ToDiagnostic(result));
                }
            }
        }

        return new SarifReport(logs, diagnostics);
    }

    private static BicepDiagnostic ToDiagnostic(JsonElement result)
    {
        // SARIF's default level is "warning": Bicep leaves it out for warnings.
        var level = result.TryGetProperty("level", out var l) ? l.GetString() ?? "warning" : "warning";
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        var file = location.GetProperty("artifactLocation").GetProperty("uri").GetString() ?? "";
        var line = location.GetProperty("region").GetProperty("startLine").GetInt32();
        return new BicepDiagnostic(
            result.GetProperty("ruleId").GetString() ?? "",
            level,
            file,
            line,
            result.GetProperty("message").GetProperty("text").GetString() ?? "");
    }
}
