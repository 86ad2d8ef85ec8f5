using System.Globalization;
using System.Text;
using Serverless.Bench.ColdStart;

namespace Serverless.Bench.FunctionApp;

/// <summary>Medians, p90s and ratios against the baseline variant, as a markdown table.</summary>
internal static class MarkdownReport
{
    private const double MiB = 1024 * 1024;

    public static string Render(
        IReadOnlyList<Flavor> variants,
        IReadOnlyList<WorkerSample> samples,
        IReadOnlyList<double> floor,
        string baseline,
        string header)
    {
        var text = new StringBuilder();
        text.AppendLine(header).AppendLine();
        text.AppendLine($"| variant | started as | connect p50 | connect p90 | connect ×{baseline} | preface p50 "
            + $"| peak RSS p50 | peak RSS p90 | CPU p50 | CPU ×{baseline} | files | deploy size | failed |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

        var baseStats = variants.Any(f => f.Name == baseline) ? Stats.Of(samples, baseline) : null;
        foreach (var variant in variants)
        {
            var s = Stats.Of(samples, variant.Name);
            var files = Directory.EnumerateFiles(variant.Directory, "*", SearchOption.AllDirectories).Count();
            text.Append(Inv($"| {variant.Name} | `{WorkerCommand.Read(variant.Directory)}` "));
            text.Append(Inv($"| {Ms(s.ConnectP50)} | {Ms(s.ConnectP90)} "));
            text.Append(Inv($"| {Ratio(s.ConnectP50, baseStats?.ConnectP50)} "));
            text.Append(Inv($"| {Ms(s.PrefaceP50)} | {MiBText(s.RssP50)} | {MiBText(s.RssP90)} "));
            text.Append(Inv($"| {Ms(s.CpuP50)} | {Ratio(s.CpuP50, baseStats?.CpuP50)} "));
            text.AppendLine(Inv($"| {files} | {variant.DeployBytes / MiB:0.0} MiB | {s.Failed} |"));
        }

        var floorP50 = Ms(Percentiles.Median(floor));
        var floorP90 = Ms(Percentiles.NearestRank(floor, 90));
        text.AppendLine(Inv($"| floor: `/bin/true` (exec → exit) | | {floorP50} | {floorP90} | | | | | | | | | |"));
        text.AppendLine();
        text.AppendLine("connect: exec → the stand-in host accepts the worker's TCP connection to `--functions-uri`. "
            + "preface: exec → the worker's HTTP/2 connection preface has arrived (its gRPC client). "
            + "peak RSS: VmHWM then; CPU: user + system time then (10 ms ticks). ×" + baseline + ": ratio of "
            + "medians. files: every file of the publish folder; deploy size: the folder without .pdb/.dbg/.xml.");
        return text.ToString();
    }

    private static string MiBText(double value) => double.IsNaN(value) ? "–" : Inv($"{value:0.0} MiB");

    private static string Ms(double value) => double.IsNaN(value) ? "–" : Inv($"{value:0.0} ms");

    private static string Ratio(double value, double? baseline) =>
        baseline is { } b && !double.IsNaN(value) && b > 0 ? Inv($"{value / b:0.00}") : "–";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Stats(
        double ConnectP50,
        double ConnectP90,
        double PrefaceP50,
        double RssP50,
        double RssP90,
        double CpuP50,
        int Failed)
    {
        public static Stats Of(IReadOnlyList<WorkerSample> samples, string variant)
        {
            var ok = samples.Where(s => s.Variant == variant && s.Succeeded).ToList();
            double[] Values(Func<WorkerSample, double> pick) => ok.Select(pick).ToArray();
            return new Stats(
                Percentiles.Median(Values(s => s.ConnectMs)), Percentiles.NearestRank(Values(s => s.ConnectMs), 90),
                Percentiles.Median(Values(s => s.PrefaceMs)),
                Percentiles.Median(Values(s => s.PeakRssMiB)), Percentiles.NearestRank(Values(s => s.PeakRssMiB), 90),
                Percentiles.Median(Values(s => s.CpuMs)),
                samples.Count(s => s.Variant == variant && !s.Succeeded));
        }
    }
}
