using System.Diagnostics;
using System.Globalization;
using Serverless.Azurite;
using Serverless.Bench.Kit;

namespace Serverless.Bench.Throughput;

/// <summary>
/// One measured run on a fresh host: start it, wait for health, stock the SKUs, drive the orders (closed or open loop)
/// while reading each order until final, then take the host's CPU time, peak RSS and store sizes, check the invariants
/// and kill it. The host's CPU is counted from the first POST to the moment the last order was seen final, so it
/// includes the status reads (about one GET per order) and the POSTs, not the start-up or the invariant checks. A
/// build with the AWS backend runs on <paramref name="emulators"/>, in a table and under a queue prefix of its own, and
/// has no store files to size. With <c>--azurite</c>, any other build runs on an Azurite started for this run alone,
/// whose CPU is counted over the same window as the host's.
/// </summary>
internal sealed class HostRun(
    HttpClient http,
    BenchOptions options,
    string workDirectory,
    AwsEmulators? emulators,
    OtlpReceiver? otlpReceiver)
{
    private int _runs;

    public async Task<RunResult> RunAsync(Flavor flavor, LoadShape shape, CancellationToken cancellationToken)
    {
        var onAws = AwsEmulators.RunsOn(flavor);
        await using var azurite = options.Azurite && !onAws
            ? await AzuriteInstance.StartAsync(cancellationToken)
            : null;
        using var host = HostProcess.Start(flavor, workDirectory, HostEnvironment(flavor, onAws, azurite));
        var mode = shape.Describe();
        Console.Error.WriteLine($"{flavor.Name} {mode}: starting host pid {host.Id}");
        try
        {
            using (var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                startup.CancelAfter(TimeSpan.FromSeconds(60));
                await host.WaitHealthyAsync(http, startup.Token);
            }

            // SKUs of this run's own: runs on one external store (an Azurite or table prefix shared by a host's closed
            // and open runs) would otherwise count each other's sales against the stock invariant.
            var run = Interlocked.Increment(ref _runs);
            var skus = Enumerable.Range(1, options.Skus).Select(i => Inv($"BENCH-R{run}-{i}")).ToList();
            var client = new OrdersClient(http, host.BaseUri, skus);
            var orders = shape.Orders;
            var stockPerSku = (long)Math.Ceiling((double)orders / skus.Count) * OrdersClient.Quantity + 10;
            foreach (var sku in skus)
            {
                await client.SetStockAsync(sku, stockPerSku, cancellationToken);
            }

            var requests = new StorageRequestMeter(http, host.BaseUri);
            await requests.CalibrateAsync(cancellationToken);
            var requestsBefore = await requests.ReadAsync(cancellationToken);
            await using var sampler = new StoreSampler(host.DatabasePath, host.WalPath);
            var placements = new Placements(orders);
            var tracker = new CompletionTracker(client.GetOrderAsync);
            var cpuBefore = ProcStatus.CpuMilliseconds(host.Id);
            var storeCpuBefore = azurite is null ? double.NaN : ProcStatus.CpuMilliseconds(azurite.ProcessId);
            var window = Stopwatch.StartNew();
            var tracking = tracker.RunAsync(placements, options.Timeout, cancellationToken);
            using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var progress = ProgressAsync(placements, tracker, stopProgress.Token);
            var lateMs = shape.Rate is { } rate
                ? await OpenLoop.RunAsync(client.PlaceOrderAsync, placements, rate, cancellationToken)
                : await RunClosedAsync(client, placements, shape.Clients, cancellationToken);
            Console.Error.WriteLine(Inv($"  all {orders} sent, {placements.Failures} failed; waiting for the sagas"));
            var final = await tracking;
            var requestsAfter = await requests.ReadAsync(cancellationToken);
            var requestsSent = requests.Between(requestsBefore, requestsAfter);
            await stopProgress.CancelAsync();
            await progress;
            var cpuAfter = ProcStatus.CpuMilliseconds(host.Id);
            var storeCpuMs = azurite is null
                ? double.NaN
                : ProcStatus.CpuMilliseconds(azurite.ProcessId) - storeCpuBefore;
            var windowMs = window.Elapsed.TotalMilliseconds;
            var peakRss = ProcStatus.PeakRssKiB(host.Id) / 1024.0;
            await sampler.DisposeAsync();
            var (database, wal) = sampler.Sample();
            if (host.HasExited)
            {
                throw new InvalidOperationException($"the host exited during the run:\n{host.Output}");
            }

            var (idleRate, idleByKind) = await IdleRequestsPerSecondAsync(requests, cancellationToken);
            var violations = await Invariants.CheckAsync(client, placements, final, stockPerSku, cancellationToken);
            if (lateMs > 5)
            {
                var note = Inv($"  note: the open-loop dispatcher woke up to {lateMs:0.0} ms late");
                Console.Error.WriteLine(note + " (counted in the latencies)");
            }

            return RunResult.Measure(
                flavor.Name,
                mode,
                placements,
                final,
                cpuAfter - cpuBefore,
                peakRss,
                violations) with
            {
                PeakDatabaseBytes = onAws ? -1 : sampler.PeakDatabaseBytes,
                PeakWalBytes = onAws ? -1 : sampler.PeakWalBytes,
                FinalDatabaseBytes = onAws ? -1 : database,
                FinalWalBytes = onAws ? -1 : wal,
                RequestsPerSaga = PerSaga(requestsSent, final),
                RequestsPerSecond = requestsSent * 1000 / windowMs,
                StoreCpuSecondsPer1000Sagas = PerSaga(storeCpuMs, final),
                StoreBusyShare = storeCpuMs / windowMs,
                RequestsPerSagaByKind = requests.KindsBetween(requestsBefore, requestsAfter)
                    .ToDictionary(k => k.Key, k => PerSaga(k.Value, final), StringComparer.Ordinal),
                IdleRequestsPerSecond = idleRate,
                IdleRequestsPerSecondByKind = idleByKind,
                Refused = placements.Refused,
            };
        }
        catch (Exception ex) when (ex is HttpRequestException
            or InvalidOperationException
            or OperationCanceledException
            or IOException)
        {
            Console.Error.WriteLine(
                $"{flavor.Name} {mode} FAILED: {ex.Message}\n--- host output (last lines) ---\n{host.Output}");
            return new RunResult(
                flavor.Name,
                mode,
                shape.Orders,
                0,
                double.NaN,
                double.NaN,
                double.NaN,
                double.NaN,
                double.NaN,
                double.NaN,
                double.NaN, double.NaN, -1, -1, -1, -1, [$"run failed: {ex.Message}"]);
        }
    }

    private static async Task<double> RunClosedAsync(
        OrdersClient client,
        Placements placements,
        int clients,
        CancellationToken cancellationToken)
    {
        await ClosedLoop.RunAsync(client.PlaceOrderAsync, placements, clients, cancellationToken);
        return 0;
    }

    // The options' variables over the stores' own, so --env can point a host elsewhere.
    private Dictionary<string, string> HostEnvironment(Flavor flavor, bool onAws, AzuriteInstance? azurite)
    {
        var environment = onAws
            ? emulators?.HostEnvironment() ?? throw new InvalidOperationException("The AWS emulators are not running.")
            : new Dictionary<string, string>(StringComparer.Ordinal);
        if (azurite is not null)
        {
            environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        }

        var own = options.FlavorEnvironment.GetValueOrDefault(flavor.Name) ?? [];
        var exporting = otlpReceiver is not null && options.OtlpExporting.Contains(flavor.Name)
            ? otlpReceiver.HostEnvironment()
            : [];
        foreach (var (name, value) in exporting.Concat(options.Environment).Concat(own))
        {
            environment[name] = value;
        }

        return environment;
    }

    private static double PerSaga(double requests, OrderView?[] final) =>
        final.Count(o => o?.Status == "Confirmed") is var confirmed and > 0 ? requests / confirmed : double.NaN;

    // Counted once the pollers have backed off from the run (Durable:MaxPollingInterval, 10 s, twice over) and trailing
    // work (an order's fulfilment after it is seen confirmed) is done: what a host costs with nothing to do.
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(20);

    private async Task<(double Total, Dictionary<string, double> ByKind)> IdleRequestsPerSecondAsync(
        StorageRequestMeter requests,
        CancellationToken cancellationToken)
    {
        if (options.Idle <= TimeSpan.Zero)
        {
            return (double.NaN, []);
        }

        Console.Error.WriteLine(Inv(
            $"  idle: {IdleSettle.TotalSeconds:0} s to settle, {options.Idle.TotalSeconds:0} s counting requests"));
        await Task.Delay(IdleSettle, cancellationToken);
        var start = await requests.ReadAsync(cancellationToken);
        await Task.Delay(options.Idle, cancellationToken);
        var end = await requests.ReadAsync(cancellationToken);
        return (requests.RateBetween(start, end), requests.KindRatesBetween(start, end));
    }

    // A line every 5 s while a run lasts: orders accepted so far, and those seen final.
    private static async Task ProgressAsync(
        Placements placements,
        CompletionTracker tracker,
        CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                var accepted = placements.OrderIds.Count(id => id is not null);
                var refused = placements.Refused;
                var failed = placements.Failures;
                Console.Error.WriteLine(
                    Inv($"  {accepted} accepted, {refused} refused, {failed} failed, {tracker.Finished} final"));
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
