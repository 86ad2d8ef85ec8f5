using System.Globalization;
using System.Runtime.InteropServices;
using Serverless.Bench.FunctionApp;
using Serverless.Bench.Kit;

var setup = BenchStartup.Start("functionapp", BenchOptions.Usage, () =>
{
    var parsed = BenchOptions.Parse(args);
    foreach (var name in parsed.Variants.Where(n => !parsed.Prebuilt.ContainsKey(n)))
    {
        _ = Variant.Find(name);
    }

    return parsed;
}, out var exitCode);
if (setup is not (var options, var repository, var work))
{
    return exitCode;
}

// Flavor (the kit's) carries the name, the folder and its sizes.
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
var run = await RoundRobin.RunAsync(variants, options, 16, WorkerSample.Labels, runner.RunAsync);
var csv = SampleCsv.Write(Path.Combine(work, "samples.csv"), run.Samples, "variant", WorkerSample.Labels);

var header = string.Create(CultureInfo.InvariantCulture,
    $"Function App worker start, {options.Runs} runs per variant after {options.Warmup} warm-up round(s), " +
        $"round-robin; {ReportHeader.Machine()}{ReportHeader.Variables(options)}.")
    + ReportHeader.Command("functionapp", args);
BenchStartup.WriteReport(header, MarkdownReport.Render(variants, run, options.Baseline), options.OutputFile);

Console.Error.WriteLine($"samples: {csv}");
return run.Samples.All(s => s.Succeeded) ? 0 : 1;
