using System.Globalization;
using System.Runtime.InteropServices;
using Serverless.Bench.ColdStart;
using Serverless.Bench.Throughput;

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
    Console.Error.WriteLine("throughput reads /proc: it runs on Linux only.");
    return 2;
}

var repository = options.Repository ?? RepoRoot.Find();
var work = options.WorkDirectory ?? Path.Combine(repository, "artifacts", "throughput");
Directory.CreateDirectory(work);

var flavors = new List<Flavor>();
var hostRuns = options.Orders > 0 || options.Rates.Count > 0;
if (hostRuns && options.Prebuilt.Count == 0)
{
    try
    {
        flavors.Add(options.Publish ? Publisher.Publish(repository, work, "Aot") : new Flavor(
            "Aot",
            Path.Combine(work, "publish", "Aot")));
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

using var http = OrdersClient.CreateHttpClient();
var runner = new HostRun(http, options, work);
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
    $"Throughput, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores, " +
        $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}; orders round-robin over {options.Skus} " +
        $"SKU(s), {OrdersClient.Quantity} unit of {OrdersClient.UnitPrice} per order, " +
        $"{OrdersClient.ApprovingToken}.")
    + $"{Environment.NewLine}Command: `dotnet run --project bench/throughput -c Release -- {string.Join(' ', args)}`";
var report = MarkdownReport.Render(results, header);
Console.WriteLine(report);
if (options.OutputFile is not null)
{
    File.WriteAllText(options.OutputFile, report);
}

return results.All(r => r.Holds) ? 0 : 1;
