using System.Globalization;
using System.Text;
using static Serverless.Bench.Kit.ReportNumbers;

namespace Serverless.Bench.Throughput;

/// <summary>
/// The report: one table row per run, then the ratio to the Azure Storage backend, the storage requests by kind
/// (<see cref="RequestKindsReport"/>), the store process's CPU (<see cref="StoreCpuReport"/>) and any invariant that
/// failed.
/// </summary>
internal static class MarkdownReport
{
    public static string Render(IReadOnlyList<RunResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| host | run | orders | refused | confirmed | accepted/s | sagas/s | POST p50 | POST p99 | " +
            "saga p50 | " +
            "saga p99 | CPU s / 1k sagas | peak RSS | DB peak | WAL peak | DB final | WAL final | bytes / order | " +
            "DB bytes / order | requests / saga | idle requests/s | load avg | invariants |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|" +
            "---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            text.Append(Inv($"| {r.Flavor} | {r.Mode} | {r.Orders} | {r.Refused} | {r.Confirmed} "));
            text.Append(Inv($"| {Rate(r.AcceptedPerSecond)} | {Rate(r.SagasPerSecond)} "));
            text.Append(Inv($"| {Ms(r.PostP50Ms)} | {Ms(r.PostP99Ms)} | {Ms(r.SagaP50Ms)} | {Ms(r.SagaP99Ms)} "));
            text.Append(Inv($"| {Number(r.CpuSecondsPer1000Sagas, "0.00")} | {Rss(r.PeakRssMiB)} "));
            text.Append(Inv($"| {MiBOf(r.PeakDatabaseBytes)} | {MiBOf(r.PeakWalBytes)} "));
            text.Append(Inv($"| {MiBOf(r.FinalDatabaseBytes)} | {MiBOf(r.FinalWalBytes)} "));
            text.Append(Inv($"| {Kib(r.BytesPerOrder)} | {Kib(r.DatabaseBytesPerOrder)} "));
            text.Append(Inv($"| {Number(r.RequestsPerSaga, "0.0")} | {Number(r.IdleRequestsPerSecond, "0.0")} "));
            text.AppendLine(Inv($"| {Number(r.LoadAverage, "0.0")} | {(r.Holds ? "hold" : "**FAILED**")} |"));
        }

        var baseline = results.FirstOrDefault(r => r.Flavor == AzureStorageRun.Name);
        if (baseline is { SagasPerSecond: > 0 })
        {
            text.AppendLine();
            foreach (var r in results.Where(r => r.Flavor != AzureStorageRun.Name && r.Mode.StartsWith(
                "closed",
                StringComparison.Ordinal)))
            {
                var ratio = r.SagasPerSecond / baseline.SagasPerSecond;
                var baselineRun = $"{AzureStorageRun.Name} ({baseline.Mode})";
                text.AppendLine(Inv($"- {r.Flavor}, {r.Mode}: {ratio:0.0}× the sagas/s of {baselineRun}."));
            }
        }

        RequestKindsReport.Render(text, results);
        StoreCpuReport.Render(text, results);
        foreach (var r in results.Where(r => !r.Holds))
        {
            text.AppendLine();
            text.AppendLine($"Invariants that failed in {r.Flavor}, {r.Mode}:");
            foreach (var violation in r.Violations)
            {
                text.AppendLine($"- {violation}");
            }
        }

        return text.ToString();
    }

    private static string Rate(double value) => Number(value, "0.0");

    private static string Rss(double mib) => double.IsNaN(mib) ? "–" : Inv($"{mib:0} MiB");


    private static string Kib(double bytes) => double.IsNaN(bytes) ? "–" : Inv($"{bytes / 1024:0.0} KiB");

    private static string Number(double value, string format) =>
        double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);
}
