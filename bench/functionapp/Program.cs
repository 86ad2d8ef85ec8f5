using System.Globalization;
using System.Runtime.InteropServices;
using Serverless.Bench.ColdStart;
using Serverless.Bench.FunctionApp;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
    foreach (var name in options.Variants.Where(n => !options.Prebuilt.ContainsKey(n)))
    {
        _ = Variant.Find(name);
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

if (!OperatingSystem.IsLinux())
{
    Console.Error.WriteLine("functionapp reads /proc: it runs on Linux only.");
    return 2;
}

var repository = options.Repository ?? RepoRoot.Find();
var work = options.WorkDirectory ?? Path.Combine(repository, "artifacts", "functionapp");
Directory.CreateDirectory(work);

// Flavor (shared with bench/coldstart) carries the name, the folder and its sizes.
var variants = new List<Flavor>();
try
{
    foreach (var name in options.Variants.Where(n => !options.Prebuilt.ContainsKey(n)))
    {
        var variant = Variant.Find(name);
        variants.Add(new Flavor(variant.Name, options.Publish
            ? WorkerPublisher.Publish(repository, work, variant)
            : Path.Combine(work, "publish", variant.Name)));
    }
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

variants.AddRange(options.Prebuilt.Select(p => new Flavor(p.Key, p.Value)));
foreach (var missing in variants.Where(v => !File.Exists(Path.Combine(v.Directory, "worker.config.json"))))
{
    Console.Error.WriteLine($"{missing.Name}: no worker.config.json in {missing.Directory}.");
    return 1;
}

var runner = new WorkerRun(options.Environment, options.Timeout);
var samples = new List<WorkerSample>();
var floor = new List<double>();
var rounds = options.Warmup + options.Runs;
for (var round = 0; round < rounds; round++)
{
    var measured = round >= options.Warmup;
    // Round-robin, starting one variant further each round, so drift and neighbours' noise hit every variant alike.
    for (var i = 0; i < variants.Count; i++)
    {
        var variant = variants[(round + i) % variants.Count];
        var sample = await runner.RunAsync(variant.Name, variant.Directory, round);
        if (measured)
        {
            samples.Add(sample);
        }

        Console.Error.WriteLine(sample.Succeeded
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{(measured ? "run" : "warm-up")} {round - options.Warmup + 1,3} {variant.Name,-16} connect " +
                    $"{sample.ConnectMs,7:0.0} ms  preface {sample.PrefaceMs,7:0.0} ms  " +
                    $"rss {sample.PeakRssMiB,5:0.0} MiB  cpu {sample.CpuMs,5:0} ms")
            : $"{variant.Name} round {round}: FAILED: {sample.Failure}");
    }

    var trivial = WorkerRun.TimeTrivialProcess("/bin/true");
    if (measured)
    {
        floor.Add(trivial);
    }
}

var csv = Path.Combine(work, "samples.csv");
var rows = samples.Select(s => string.Create(
    CultureInfo.InvariantCulture,
    $"{s.Variant},{s.Round},{s.ConnectMs:0.00},{s.PrefaceMs:0.00},{s.PeakRssMiB:0.00},{s.CpuMs:0}," +
        $"{(s.Succeeded ? "ok" : "failed")}"));
File.WriteAllLines(csv, rows.Prepend("variant,round,connect_ms,preface_ms,peak_rss_mib,cpu_ms,result"));

var environment = options.Environment.Count == 0
    ? ""
    : "; env " + string.Join(' ', options.Environment.Select(e => $"{e.Key}={e.Value}"));
var header = string.Create(CultureInfo.InvariantCulture,
    $"Function App worker start, {options.Runs} runs per variant after {options.Warmup} warm-up round(s), " +
        $"round-robin; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores, " +
        $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}{environment}.")
    + $"{Environment.NewLine}Command: `dotnet run --project bench/functionapp -c Release -- {string.Join(' ', args)}`";
var report = MarkdownReport.Render(variants, samples, floor, options.Baseline, header);
Console.WriteLine(report);
if (options.OutputFile is not null)
{
    File.WriteAllText(options.OutputFile, report);
}

Console.Error.WriteLine($"samples: {csv}");
return samples.All(s => s.Succeeded) ? 0 : 1;
