using System.Globalization;
using System.Text;
using Serverless.Bench.Kit;
using static Serverless.Bench.Kit.ReportNumbers;

namespace Serverless.Bench.ColdStart;

/// <summary>
/// Medians, p90s and ratios against the baseline flavour, as a markdown table; then the issue's targets.
/// </summary>
internal static class MarkdownReport
{
    // The indexes of RunSample.TimingsMs.
    private const int Health = 0;
    private const int Saga = 1;

    public static string Render(
        IReadOnlyList<Flavor> flavors,
        RoundRobinResult<RunSample> run,
        string baseline)
    {
        var text = new StringBuilder();
        text.AppendLine("| flavour | health p50 | health p90 | health ×" + baseline
            + " | saga p50 | saga p90 | saga ×" + baseline + " | saga ÷ health"
            + " | peak RSS p50 | peak RSS p90 | CPU p50 | exe | folder | without symbols | failed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

        var baseStats = flavors.Any(f => f.Name == baseline) ? SampleStats.Of(run.Samples, baseline) : null;
        foreach (var flavor in flavors)
        {
            if (flavor.PublishFailure is { } failure)
            {
                text.AppendLine($"| {flavor.Name} | publish failed: {failure.ReplaceLineEndings(" ")} ||||||||||||||");
                continue;
            }

            var s = SampleStats.Of(run.Samples, flavor.Name);
            var (health, saga) = (s.Timing(Health), s.Timing(Saga));
            text.AppendLine(Row(
                flavor.Name,
                Ms(health.P50),
                Ms(health.P90),
                Ratio(health.P50, baseStats?.Timing(Health).P50),
                Ms(saga.P50),
                Ms(saga.P90),
                Ratio(saga.P50, baseStats?.Timing(Saga).P50),
                Ratio(saga.P50, health.P50),
                MiB(s.Rss.P50),
                MiB(s.Rss.P90),
                Ms(s.Cpu.P50),
                MiBOf(flavor.ExecutableBytes),
                MiBOf(flavor.FolderBytes),
                MiBOf(flavor.DeployBytes),
                Inv($"{s.Failed}")));
        }

        var floorSpread = Spread.Of(run.Floor);
        var floorRow = Inv($"| floor: `/bin/true` (exec → exit) | {Ms(floorSpread.P50)} | {Ms(floorSpread.P90)} |");
        text.AppendLine(floorRow + string.Concat(Enumerable.Repeat(" |", 12)));
        text.AppendLine();
        text.AppendLine("health: exec → first 200 from `GET /api/health`. "
            + "saga: exec → `GET /api/orders/{id}` shows Confirmed (PUT stock, POST order on the fresh process, "
            + "SQLite in a fresh data dir). peak RSS: VmHWM after the saga. "
            + "CPU: user + system time of the host after the saga (10 ms ticks). ×" + baseline + ": ratio of medians; "
            + "saga ÷ health: the flavour's own saga median over its health median. "
            + "exe: the file started (for JIT and R2R the apphost; their code is in the folder's .dll files). "
            + "A health-only reference app is measured right after its first healthy response.");

        var aot = flavors.Any(f => f.Name == "Aot" && f.PublishFailure is null)
            ? SampleStats.Of(run.Samples, "Aot")
            : null;
        if (aot is not null)
        {
            text.AppendLine().AppendLine("Targets (issue 18), Aot (the default publish):");
            var (aotHealth, aotSaga) = (aot.Timing(Health).P50, aot.Timing(Saga).P50);
            if (baseStats is not null && baseline != "Aot")
            {
                var target = baseStats.Timing(Health).P50 * 1.1;
                var health = Inv($"health p50 ≤ 1.1 × {baseline}: {aotHealth:0.0} vs {target:0.0} ms");
                text.AppendLine(Check(aotHealth <= target, health));
            }

            var saga = Inv($"first confirmed saga p50 ≤ 2 × its health p50: {aotSaga:0.0} vs ")
                + Inv($"{2 * aotHealth:0.0} ms");
            text.AppendLine(Check(aotSaga <= 2 * aotHealth, saga));
            text.AppendLine(Check(aot.Rss.P50 < 40, Inv($"peak RSS p50 < 40 MiB: {aot.Rss.P50:0.0} MiB")));
            AppendCloudCosts(text, flavors, run.Samples, aot);
        }

        return text.ToString();
    }

    // What a cloud backend costs over the local build of the same flavour (AotAzure over Aot, ...).
    private static void AppendCloudCosts(
        StringBuilder text,
        IReadOnlyList<Flavor> flavors,
        IReadOnlyList<StartSample> samples,
        SampleStats aot)
    {
        foreach (var cloud in flavors.Where(f => f.Name.EndsWith(HostPublisher.AzureSuffix, StringComparison.Ordinal)
            && f.PublishFailure is null))
        {
            var local = cloud.Name[..^HostPublisher.AzureSuffix.Length];
            var localFlavor = flavors.FirstOrDefault(f => f.Name == local && f.PublishFailure is null);
            if (localFlavor is null)
            {
                continue;
            }

            var c = SampleStats.Of(samples, cloud.Name);
            var l = local == "Aot" ? aot : SampleStats.Of(samples, local);
            var (health, saga) = (c.Timing(Health).P50, c.Timing(Saga).P50);
            var (localHealth, localSaga) = (l.Timing(Health).P50, l.Timing(Saga).P50);
            text.AppendLine(Inv($"- {cloud.Name} over {local}: health +{health - localHealth:0.0} ms ") +
                Inv($"(×{Ratio(health, localHealth)}), saga +{saga - localSaga:0.0} ms, ") +
                Inv($"peak RSS +{c.Rss.P50 - l.Rss.P50:0.0} MiB, ") +
                Inv($"exe +{(cloud.ExecutableBytes - localFlavor.ExecutableBytes) / BytesPerMiB:0.0} MiB"));
        }
    }

    private static string Check(bool ok, string what) => $"- {(ok ? "met" : "MISSED")}: {what}";
}
