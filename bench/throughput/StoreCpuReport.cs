using System.Text;
using static Serverless.Bench.Kit.ReportNumbers;

namespace Serverless.Bench.Throughput;

/// <summary>
/// The report's store process (an Azurite the bench started for the run): how busy it was and what it spent per saga,
/// beside the storage requests the host sent it; one row per run that had one.
/// </summary>
internal static class StoreCpuReport
{
    public static void Render(StringBuilder text, IReadOnlyList<RunResult> results)
    {
        var rows = results.Where(r => !double.IsNaN(r.StoreBusyShare)).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("The store process (an Azurite of the run's own), over the same window as the host's CPU:");
        text.AppendLine();
        text.AppendLine("| host | run | sagas/s | store busy (share of one core) | store CPU s / 1k sagas | " +
            "host CPU s / 1k sagas | requests/s sent | store CPU ms / request |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            var perRequest = r.StoreCpuSecondsPer1000Sagas / r.RequestsPerSaga;
            text.Append(Inv($"| {r.Flavor} | {r.Mode} | {r.SagasPerSecond:0.0} | {r.StoreBusyShare:0.00} "));
            text.Append(Inv($"| {r.StoreCpuSecondsPer1000Sagas:0.0} | {r.CpuSecondsPer1000Sagas:0.0} "));
            text.AppendLine(Inv($"| {r.RequestsPerSecond:0} | {perRequest:0.00} |"));
        }
    }
}
