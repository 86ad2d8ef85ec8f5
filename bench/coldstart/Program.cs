using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Serverless.Bench.ColdStart;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
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
    Console.Error.WriteLine("coldstart reads /proc: it runs on Linux only.");
    return 2;
}

var repository = options.Repository ?? RepoRoot.Find();
var work = options.WorkDirectory ?? Path.Combine(repository, "artifacts", "coldstart");
Directory.CreateDirectory(work);

var flavors = new List<Flavor>();
try
{
    foreach (var name in options.Flavors.Where(n => !options.Prebuilt.ContainsKey(n)))
    {
        flavors.Add(options.Publish ? Publisher.Publish(repository, work, name) : new Flavor(
            name,
            Path.Combine(work, "publish", name)));
    }

    if (options.Reference)
    {
        flavors.AddRange(options.Publish
            ? Publisher.PublishReference(repository, work)
            : Publisher.References(Path.Combine(work, "publish", "EmptyHost")));
    }
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

// A prebuilt flavour is a publish folder holding Serverless.Host, or the path of the executable itself.
flavors.AddRange(options.Prebuilt.Select(p => File.Exists(p.Value)
    ? new Flavor(p.Key, Path.GetDirectoryName(p.Value)!, Path.GetFileName(p.Value))
    : new Flavor(p.Key, p.Value)));
flavors = flavors
    .Select(f => options.FlavorEnvironment.TryGetValue(f.Name, out var variables)
        ? f with { Environment = f.Environment.Concat(variables).ToDictionary(e => e.Key, e => e.Value) }
        : f)
    .Select(f => f with { HealthOnly = f.HealthOnly || options.HealthOnly.Contains(f.Name) })
    .ToList();
foreach (var missing in flavors.Where(f => f.PublishFailure is null && !File.Exists(f.Executable)))
{
    Console.Error.WriteLine($"{missing.Name}: no {missing.ExecutableName} in {missing.Directory}.");
    return 1;
}

using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
{
    Timeout = TimeSpan.FromSeconds(30),
};
var runnable = flavors.Where(f => f.PublishFailure is null).ToList();
var runner = new HostRun(http, work, options.Environment, options.Timeout, options.WorkingDirectory);
var samples = new List<RunSample>();
var floor = new List<double>();
var rounds = options.Warmup + options.Runs;
for (var round = 0; round < rounds; round++)
{
    var measured = round >= options.Warmup;
    // Round-robin, starting one flavour further each round, so drift and neighbours' noise hit every flavour alike.
    for (var i = 0; i < runnable.Count; i++)
    {
        var flavor = runnable[(round + i) % runnable.Count];
        var sample = await runner.RunAsync(flavor, round);
        if (measured)
        {
            samples.Add(sample);
        }

        Console.Error.WriteLine(sample.Succeeded
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{(measured ? "run" : "warm-up")} {round - options.Warmup + 1,3} {flavor.Name,-12} health " +
                    $"{sample.HealthMs,7:0.0} ms  saga {sample.SagaMs,7:0.0} ms  rss {sample.PeakRssMiB,5:0.0} MiB  " +
                    $"cpu {sample.CpuMs,5:0} ms")
            : $"{flavor.Name} round {round}: FAILED: {sample.Failure}");
    }

    var trivial = HostRun.TimeTrivialProcess("/bin/true");
    if (measured)
    {
        floor.Add(trivial);
    }
}

var csv = Path.Combine(work, "samples.csv");
var rows = samples.Select(s =>
{
    var result = s.Succeeded ? "ok" : "failed";
    return string.Create(
        CultureInfo.InvariantCulture,
        $"{s.Flavor},{s.Round},{s.HealthMs:0.00},{s.SagaMs:0.00},{s.PeakRssMiB:0.00},{s.CpuMs:0},{result}");
});
File.WriteAllLines(csv, rows.Prepend("flavor,round,health_ms,saga_ms,peak_rss_mib,cpu_ms,result"));

var environment = options.Environment.Count == 0 && options.FlavorEnvironment.Count == 0
    ? ""
    : "; env " + string.Join(' ', options.Environment.Select(e => $"{e.Key}={e.Value}")
        .Concat(options.FlavorEnvironment.SelectMany(f => f.Value.Select(e => $"{f.Key}:{e.Key}={e.Value}"))));
var header = string.Create(CultureInfo.InvariantCulture,
    $"Cold start, {options.Runs} runs per flavour after {options.Warmup} warm-up round(s), round-robin; " +
        $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores, " +
        $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}{environment}.")
    + $"{Environment.NewLine}Command: `dotnet run --project bench/coldstart -c Release -- {string.Join(' ', args)}`";
var report = MarkdownReport.Render(flavors, samples, floor, options.Baseline, header);
Console.WriteLine(report);
if (options.OutputFile is not null)
{
    File.WriteAllText(options.OutputFile, report);
}

Console.Error.WriteLine($"samples: {csv}");
return samples.All(s => s.Succeeded) && flavors.All(f => f.PublishFailure is null) ? 0 : 1;
