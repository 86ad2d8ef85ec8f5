using System.Globalization;
using System.Runtime.InteropServices;
using Serverless.Bench.Kit;
using Serverless.Bench.Throughput;

var setup = BenchStartup.Start("throughput", BenchOptions.Usage, () => BenchOptions.Parse(args), out var exit);
if (setup is not (var options, var repository, var work))
{
    return exit;
}

var flavors = new List<Flavor>();
var hostRuns = options.Orders > 0 || options.Rates.Count > 0;
var published = new List<string>();
if (hostRuns && options.Prebuilt.Count == 0)
{
    published.Add("Aot");
}

if (hostRuns && options.Aws)
{
    published.Add("Aot" + HostPublisher.AwsSuffix);
}

foreach (var name in published)
{
    try
    {
        flavors.Add(options.Publish
            ? HostPublisher.Publish(repository, work, name)
            : new Flavor(name, Path.Combine(work, "publish", name)));
    }
    catch (InvalidOperationException ex)
    {
        Console.Error.WriteLine(ex.Message);
        return 1;
    }
}

// A prebuilt host is a publish folder holding Serverless.Host, or the path of the executable itself.
flavors.AddRange(options.Prebuilt.Select(p => File.Exists(p.Value)
    ? new Flavor(p.Key, Path.GetDirectoryName(p.Value)!, Path.GetFileName(p.Value))
    : new Flavor(p.Key, p.Value)));
foreach (var missing in flavors.Where(f => !File.Exists(f.Executable)))
{
    Console.Error.WriteLine($"{missing.Name}: no {missing.ExecutableName} in {missing.Directory}.");
    return 1;
}

AwsEmulators? emulators = null;
if (flavors.Any(AwsEmulators.RunsOn))
{
    try
    {
        emulators = await AwsEmulators.StartAsync(CancellationToken.None);
    }
    catch (InvalidOperationException ex)
    {
        Console.Error.WriteLine($"The AWS emulators did not start: {ex.Message}");
        return 1;
    }
}

await using var stopEmulators = emulators;
using var http = OrdersClient.CreateHttpClient();
await using var otlpReceiver = options.OtlpExporting.Count > 0 ? OtlpReceiver.Start() : null;
var runner = new HostRun(http, options, work, emulators, otlpReceiver);
var results = new List<RunResult>();
var shapes = new List<LoadShape>();
if (options.Orders > 0)
{
    shapes.Add(LoadShape.Closed(options.Orders, options.Clients));
}

shapes.AddRange(options.Rates.Select(rate => LoadShape.Open(rate, options.Duration)));
foreach (var shape in shapes)
{
    // Flavours take turns per shape, so drift and neighbours' noise hit each alike.
    foreach (var flavor in flavors)
    {
        var result = await runner.RunAsync(flavor, shape, CancellationToken.None);
        results.Add(result);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{flavor.Name} {result.Mode}: {result.SagasPerSecond:0.0} sagas/s, POST p99 {result.PostP99Ms:0.0} ms, " +
                $"saga p50 {result.SagaP50Ms:0.0} ms, invariants {(result.Holds ? "hold" : "FAILED")}"));
    }
}

if (options.AzureOrders > 0)
{
    var result = await AzureStorageRun.RunAsync(
        options.AzureOrders,
        options.Clients,
        options.Timeout,
        CancellationToken.None);
    results.Add(result);
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{AzureStorageRun.Name} {result.Mode}: {result.SagasPerSecond:0.0} sagas/s, saga p50 {result.SagaP50Ms:0.0} " +
            $"ms, invariants {(result.Holds ? "hold" : "FAILED")}"));
}

var header = string.Create(CultureInfo.InvariantCulture,
    $"Throughput, {ReportHeader.Machine()}; orders round-robin over {options.Skus} " +
        $"SKU(s), {OrdersClient.Quantity} unit of {OrdersClient.UnitPrice} per order, " +
        $"{OrdersClient.ApprovingToken}.") + ReportHeader.Command("throughput", args);
if (otlpReceiver is not null)
{
    // Proof that "exporting" rows exported: a host that never sent anything measured nothing.
    header += string.Create(CultureInfo.InvariantCulture,
        $"{Environment.NewLine}{Environment.NewLine}OTLP receiver: {otlpReceiver.Requests} exports, " +
            $"{otlpReceiver.Bytes / 1024.0 / 1024.0:0.0} MiB, from {string.Join(", ", options.OtlpExporting)}.");
}

BenchStartup.WriteReport(header, MarkdownReport.Render(results), options.OutputFile);

return results.All(r => r.Holds) ? 0 : 1;
