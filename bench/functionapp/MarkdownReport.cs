using System.Globalization;
using System.Text;
using Serverless.Bench.Kit;
using static Serverless.Bench.Kit.ReportNumbers;

namespace Serverless.Bench.FunctionApp;

/// <summary>Medians, p90s and ratios against the baseline variant, as a markdown table.</summary>
internal static class MarkdownReport
{
    public static string Render(
        IReadOnlyList<Flavor> variants,
        RoundRobinResult<WorkerSample> run,
        string baseline)
    {
        var text = new StringBuilder();
        text.AppendLine($"| variant | started as | connect p50 | connect p90 | connect ×{baseline} | preface p50 "
            + $"| peak RSS p50 | peak RSS p90 | CPU p50 | CPU ×{baseline} | files | deploy size | failed |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

        var baseStats = variants.Any(f => f.Name == baseline) ? SampleStats.Of(run.Samples, baseline) : null;
        foreach (var variant in variants)
        {
            var s = SampleStats.Of(run.Samples, variant.Name);
            var connect = s.Timing(0);
            text.AppendLine(Row(
                variant.Name,
                Inv($"`{WorkerCommand.Read(variant.Directory)}`"),
                Ms(connect.P50),
                Ms(connect.P90),
                Ratio(connect.P50, baseStats?.Timing(0).P50),
                Ms(s.Timing(1).P50),
                MiB(s.Rss.P50),
                MiB(s.Rss.P90),
                Ms(s.Cpu.P50),
                Ratio(s.Cpu.P50, baseStats?.Cpu.P50),
                Inv($"{Directory.EnumerateFiles(variant.Directory, "*", SearchOption.AllDirectories).Count()}"),
                MiBOf(variant.DeployBytes),
                Inv($"{s.Failed}")));
        }

        var floorSpread = Spread.Of(run.Floor);
        var (floorP50, floorP90) = (Ms(floorSpread.P50), Ms(floorSpread.P90));
        text.AppendLine(Inv($"| floor: `/bin/true` (exec → exit) | | {floorP50} | {floorP90} | | | | | | | | | |"));
        text.AppendLine();
        text.AppendLine("connect: exec → the stand-in host accepts the worker's TCP connection to `--functions-uri`. "
            + "preface: exec → the worker's HTTP/2 connection preface has arrived (its gRPC client). "
            + "peak RSS: VmHWM then; CPU: user + system time then (10 ms ticks). ×" + baseline + ": ratio of "
            + "medians. files: every file of the publish folder; deploy size: the folder without .pdb/.dbg/.xml.");
        return text.ToString();
    }
}
