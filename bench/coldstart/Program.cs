using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Serverless.Bench.ColdStart;
using Serverless.Bench.Kit;

var setup = BenchStartup.Start("coldstart", BenchOptions.Usage, () => BenchOptions.Parse(args), out var exit);
if (setup is not (var options, var repository, var work))
{
    return exit;
}

var flavors = new List<Flavor>();
try
{
    // A Lambda flavour runs the build of its name without the suffix: published once if both are asked for.
    var builds = new Dictionary<string, Flavor>(StringComparer.Ordinal);
    foreach (var name in options.Flavors.Where(n => !options.Prebuilt.ContainsKey(n)))
    {
        var build = LambdaFlavors.Build(name);
        if (!builds.TryGetValue(build, out var published))
        {
            published = options.Publish
                ? Publisher.Publish(repository, work, build)
                : new Flavor(build, Path.Combine(work, "publish", build));
            builds[build] = published;
        }

        flavors.Add(published with { Name = name });
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
var lambda = new LambdaStart(options.Environment, options.Timeout);
var run = await RoundRobin.RunAsync(
    runnable,
    options,
    12,
    RunSample.Labels,
    (flavor, round) => LambdaFlavors.Is(flavor.Name) ? lambda.RunAsync(flavor, round) : runner.RunAsync(flavor, round));
var csv = SampleCsv.Write(Path.Combine(work, "samples.csv"), run.Samples, "flavor", RunSample.Labels);

var header = string.Create(CultureInfo.InvariantCulture,
    $"Cold start, {options.Runs} runs per flavour after {options.Warmup} warm-up round(s), round-robin; " +
        $"{ReportHeader.Machine()}{ReportHeader.Variables(options)}.") + ReportHeader.Command("coldstart", args);
BenchStartup.WriteReport(header, MarkdownReport.Render(flavors, run, options.Baseline), options.OutputFile);

Console.Error.WriteLine($"samples: {csv}");
return run.Samples.All(s => s.Succeeded) && flavors.All(f => f.PublishFailure is null) ? 0 : 1;
