using System.Diagnostics;
using System.Text;
using Serverless.Bench.Kit;
using Serverless.Bench.ReplayCheck;
using static Serverless.Bench.Kit.ReportNumbers;

var setup = BenchStartup.Start("replaycheck", BenchOptions.Usage, () => BenchOptions.Parse(args), out var exit);
if (setup is not (var options, var repository, var work))
{
    return exit;
}

var host = options.Prebuilt.TryGetValue("Aot", out var prebuilt)
    ? new Flavor("Aot", prebuilt)
    : HostPublisher.Publish(repository, work, "Aot");
if (!File.Exists(host.Executable))
{
    Console.Error.WriteLine($"No {host.ExecutableName} in {host.Directory}: {host.PublishFailure}");
    return 1;
}

var data = Path.Combine(work, "data");
if (Directory.Exists(data))
{
    Directory.Delete(data, recursive: true);
}

Directory.CreateDirectory(data);
var database = Path.Combine(data, "serverless.db");
var seed = Path.Combine(repository, "tests", "Serverless.Host.Tests", "Upgrade", "pre-upgrade.sqlite");
var building = Stopwatch.StartNew();
StoreBuilder.Build(seed, database, options.Instances, options.FinishedShare);
Console.WriteLine(Inv($"Store of {options.Instances} instances written in {building.Elapsed.TotalSeconds:0.0} s."));

var runs = new List<CheckRun>();
for (var run = 1; run <= options.Runs; run++)
{
    var result = CheckRun.Start(host.Executable, data, options.Timeout);
    Console.WriteLine(Inv($"run {run}: exit {result.ExitCode}, {result.Wall.TotalSeconds:0.00} s: {result.Summary}"));
    runs.Add(result);
}

var body = new StringBuilder()
    .AppendLine(Row("run", "exit code", "wall time", "in-flight replayed", "replays/s", "peak RSS", "the check's line"))
    .AppendLine("|---|---:|---:|---:|---:|---:|---|");
foreach (var (run, index) in runs.Select((r, i) => (r, i + 1)))
{
    body.AppendLine(Row(
        index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        run.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Inv($"{run.Wall.TotalSeconds:0.00} s"),
        run.Replayed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Inv($"{run.Replayed / run.Wall.TotalSeconds:0}"),
        MiB(run.PeakRssKiB / 1024.0),
        run.Summary));
}

var median = Percentiles.Median(runs.Select(r => r.Wall.TotalSeconds).ToList());
body.AppendLine().AppendLine(Inv(
    $"Median wall time {median:0.00} s for {options.Instances} instances ({options.FinishedShare:P0} finished)."));
BenchStartup.WriteReport(
    ReportHeader.Machine() + Environment.NewLine + ReportHeader.Command("replaycheck", args),
    body.ToString(),
    options.OutputFile);
return runs.All(r => r.ExitCode == 0) ? 0 : 1;
