using System.Globalization;
using System.Text;

namespace Serverless.Bench.ColdStart;

/// <summary>
/// Medians, p90s and ratios against the baseline flavour, as a markdown table; then the issue's targets.
/// </summary>
internal static class MarkdownReport
{
    private const double MiB = 1024 * 1024;

    public static string Render(
        IReadOnlyList<Flavor> flavors,
        IReadOnlyList<RunSample> samples,
        IReadOnlyList<double> floor,
        string baseline,
        string header)
    {
        var text = new StringBuilder();
        text.AppendLine(header).AppendLine();
        text.AppendLine("| flavour | health p50 | health p90 | health ×" + baseline
            + " | saga p50 | saga p90 | saga ×" + baseline + " | saga ÷ health"
            + " | peak RSS p50 | peak RSS p90 | CPU p50 | exe | folder | without symbols | failed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

        var baseStats = flavors.Any(f => f.Name == baseline) ? Stats.Of(samples, baseline) : null;
        foreach (var flavor in flavors)
        {
            if (flavor.PublishFailure is { } failure)
            {
                text.AppendLine($"| {flavor.Name} | publish failed: {failure.ReplaceLineEndings(" ")} ||||||||||||||");
                continue;
            }

            var s = Stats.Of(samples, flavor.Name);
            text.Append(Inv($"| {flavor.Name} | {Ms(s.HealthP50)} | {Ms(s.HealthP90)} "));
            text.Append(Inv($"| {Ratio(s.HealthP50, baseStats?.HealthP50)} "));
            text.Append(Inv($"| {Ms(s.SagaP50)} | {Ms(s.SagaP90)} | {Ratio(s.SagaP50, baseStats?.SagaP50)} "));
            text.Append(Inv($"| {Ratio(s.SagaP50, s.HealthP50)} "));
            text.Append(Inv($"| {MiBText(s.RssP50)} | {MiBText(s.RssP90)} | {Ms(s.CpuP50)} "));
            text.Append(Inv($"| {flavor.ExecutableBytes / MiB:0.0} MiB | {flavor.FolderBytes / MiB:0.0} MiB "));
            text.AppendLine(Inv($"| {flavor.DeployBytes / MiB:0.0} MiB | {s.Failed} |"));
        }

        var floorP50 = Ms(Percentiles.Median(floor));
        var floorP90 = Ms(Percentiles.NearestRank(floor, 90));
        var floorRow = Inv($"| floor: `/bin/true` (exec → exit) | {floorP50} | {floorP90} |");
        text.AppendLine(floorRow + string.Concat(Enumerable.Repeat(" |", 12)));
        text.AppendLine();
        text.AppendLine("health: exec → first 200 from `GET /api/health`. "
            + "saga: exec → `GET /api/orders/{id}` shows Confirmed (PUT stock, POST order on the fresh process, "
            + "SQLite in a fresh data dir). peak RSS: VmHWM after the saga. "
            + "CPU: user + system time of the host after the saga (10 ms ticks). ×" + baseline + ": ratio of medians; "
            + "saga ÷ health: the flavour's own saga median over its health median. "
            + "exe: the file started (for JIT and R2R the apphost; their code is in the folder's .dll files). "
            + "A health-only reference app is measured right after its first healthy response.");

        var aot = flavors.Any(f => f.Name == "Aot" && f.PublishFailure is null) ? Stats.Of(samples, "Aot") : null;
        if (aot is not null)
        {
            text.AppendLine().AppendLine("Targets (issue 18), Aot (the default publish):");
            if (baseStats is not null && baseline != "Aot")
            {
                var target = baseStats.HealthP50 * 1.1;
                var health = Inv($"health p50 ≤ 1.1 × {baseline}: {aot.HealthP50:0.0} vs {target:0.0} ms");
                text.AppendLine(Check(aot.HealthP50 <= target, health));
            }

            var saga = Inv($"first confirmed saga p50 ≤ 2 × its health p50: {aot.SagaP50:0.0} vs ")
                + Inv($"{2 * aot.HealthP50:0.0} ms");
            text.AppendLine(Check(aot.SagaP50 <= 2 * aot.HealthP50, saga));
            text.AppendLine(Check(aot.RssP50 < 40, Inv($"peak RSS p50 < 40 MiB: {aot.RssP50:0.0} MiB")));
            AppendCloudCosts(text, flavors, samples, aot);
        }

        return text.ToString();
    }

    // What a cloud backend costs over the local build of the same flavour (AotAzure over Aot, ...).
    private static void AppendCloudCosts(
        StringBuilder text,
        IReadOnlyList<Flavor> flavors,
        IReadOnlyList<RunSample> samples,
        Stats aot)
    {
        foreach (var cloud in flavors.Where(f => f.Name.EndsWith(Publisher.AzureSuffix, StringComparison.Ordinal)
            && f.PublishFailure is null))
        {
            var local = cloud.Name[..^Publisher.AzureSuffix.Length];
            var localFlavor = flavors.FirstOrDefault(f => f.Name == local && f.PublishFailure is null);
            if (localFlavor is null)
            {
                continue;
            }

            var c = Stats.Of(samples, cloud.Name);
            var l = local == "Aot" ? aot : Stats.Of(samples, local);
            text.AppendLine(Inv($"- {cloud.Name} over {local}: health +{c.HealthP50 - l.HealthP50:0.0} ms ") +
                Inv($"(×{Ratio(c.HealthP50, l.HealthP50)}), saga +{c.SagaP50 - l.SagaP50:0.0} ms, ") +
                Inv($"peak RSS +{c.RssP50 - l.RssP50:0.0} MiB, ") +
                Inv($"exe +{(cloud.ExecutableBytes - localFlavor.ExecutableBytes) / MiB:0.0} MiB"));
        }
    }

    private static string Check(bool ok, string what) => $"- {(ok ? "met" : "MISSED")}: {what}";

    private static string MiBText(double value) => double.IsNaN(value) ? "–" : Inv($"{value:0.0} MiB");

    private static string Ms(double value) => double.IsNaN(value) ? "–" : Inv($"{value:0.0} ms");

    private static string Ratio(double value, double? baseline) =>
        baseline is { } b && !double.IsNaN(value) && b > 0 ? Inv($"{value / b:0.00}") : "–";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Stats(
        double HealthP50,
        double HealthP90,
        double SagaP50,
        double SagaP90,
        double RssP50,
        double RssP90,
        double CpuP50,
        int Failed)
    {
        public static Stats Of(IReadOnlyList<RunSample> samples, string flavor)
        {
            var ok = samples.Where(s => s.Flavor == flavor && s.Succeeded).ToList();
            double[] Values(Func<RunSample, double> pick) => ok.Select(pick).Where(v => !double.IsNaN(v)).ToArray();
            return new Stats(
                Percentiles.Median(Values(s => s.HealthMs)), Percentiles.NearestRank(Values(s => s.HealthMs), 90),
                Percentiles.Median(Values(s => s.SagaMs)), Percentiles.NearestRank(Values(s => s.SagaMs), 90),
                Percentiles.Median(Values(s => s.PeakRssMiB)), Percentiles.NearestRank(Values(s => s.PeakRssMiB), 90),
                Percentiles.Median(Values(s => s.CpuMs)),
                samples.Count(s => s.Flavor == flavor && !s.Succeeded));
        }
    }
}
