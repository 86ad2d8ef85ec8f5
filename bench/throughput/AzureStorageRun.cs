using System.Diagnostics;
using System.Globalization;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Bench.Kit;
using Serverless.Orders;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Storage;
using Serverless.Storage.InMemory;
using Serverless.Azurite;
using Serverless.Baseline;

namespace Serverless.Bench.Throughput;

/// <summary>
/// The comparison: the product's saga (<see cref="PlaceOrderOrchestrator"/> and its six activities, unchanged) on the
/// Durable Functions storage backend, <see cref="AzureStorageOrchestrationService"/> (DurableTask.AzureStorage) against
/// an Azurite this run starts, driven by the Durable Task SDK's real worker and client through the SDK test host's gRPC
/// sidecar (<see cref="SdkSidecar"/>, as the conformance tests run it). The backend keeps the Durable Functions
/// defaults (four partitions, its own concurrency limits) except for short lease and poll intervals, so it starts at
/// once. The activities' stores (orders, stock, payments) are in memory: that favours this side, never the host's.
/// Orders are started with the SDK client (the host's <c>POST</c> also validates, prices and writes the order row),
/// read back from the in-memory order store, and measured as on the host: saga latency from the order's own
/// <c>createdAt</c> to <c>updatedAt</c>, sagas/s from the first start to the last confirmation.
/// </summary>
internal static class AzureStorageRun
{
    public const string Name = "DF Azure Storage (Azurite)";

    private const string Sku = "BENCH-1";
    private const string WarmUpSku = "WARMUP";

    public static async Task<RunResult> RunAsync(
        int orders,
        int clients,
        TimeSpan settleTimeout,
        CancellationToken cancellationToken)
    {
        var mode = string.Create(CultureInfo.InvariantCulture, $"closed {clients} clients");
        try
        {
            Console.Error.WriteLine($"{Name}: starting Azurite");
            await using var azurite = await AzuriteInstance.StartAsync(cancellationToken);
            var settings = AzureStorageTaskHubs.Settings(azurite.ConnectionString, "bench");
            settings.PartitionCount = 4;
            var service = new AzureStorageOrchestrationService(settings);
            await service.CreateIfNotExistsAsync();

            await using var domain = new ServiceCollection()
                .AddSingleton<IStorageProvider>(new InMemoryStorageProvider())
                .AddOrders()
                .BuildServiceProvider(validateScopes: true);
            var stock = (long)orders * OrdersClient.Quantity + 10;
            await domain.GetRequiredService<InventoryStore>().SetStockAsync(
                Sku,
                stock,
                OrdersClient.UnitPrice,
                cancellationToken);
            await domain.GetRequiredService<InventoryStore>().SetStockAsync(
                WarmUpSku,
                1,
                OrdersClient.UnitPrice,
                cancellationToken);
            var orderStore = domain.GetRequiredService<OrderStore>();
            var policy = PlaceOrderPolicy.From(new OrdersOptions());

            await using var sidecar = await SdkSidecar.StartAsync(
                service, registry => registry.AddBoundTo(OrderSaga.CreateRegistry(), domain), cancellationToken);
            var client = sidecar.Client;

            // One order first, on a SKU of its own, unmeasured: the worker connects and the partitions' leases are
            // taken.
            using (var warmUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                warmUp.CancelAfter(TimeSpan.FromSeconds(120));
                var first = await PlaceAsync(client, policy, WarmUpSku, $"ord-warmup-{Guid.NewGuid():N}", warmUp.Token);
                await client.WaitForInstanceCompletionAsync(first, warmUp.Token);
            }

            var placements = new Placements(orders);
            var tracker = new CompletionTracker(async (id, token) => ToView(await orderStore.GetAsync(id, token)));
            var cpuBefore = CpuMilliseconds();
            var tracking = tracker.RunAsync(placements, settleTimeout, cancellationToken);
            Console.Error.WriteLine($"{Name} {mode}: {orders} orders");
            await ClosedLoop.RunAsync(
                (slot, token) =>
                    PlaceAsync(
                        client,
                        policy,
                        Sku,
                        string.Create(CultureInfo.InvariantCulture, $"ord-bench-{slot:D6}-{Guid.NewGuid():N}"),
                        token),
                placements, clients, cancellationToken);
            var final = await tracking;
            var cpuMs = CpuMilliseconds() - cpuBefore;
            var violations = await Invariants.CheckAsync(
                new DomainProbe(
                    domain.GetRequiredService<InventoryStore>(),
                    domain.GetRequiredService<IPaymentGateway>(),
                    [Sku]),
                placements, final, stock, cancellationToken);
            return RunResult.Measure(Name, mode, placements, final, cpuMs, double.NaN, violations);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"{Name} FAILED: {ex}");
            return new RunResult(
                Name,
                mode,
                orders,
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

    private static async Task<string> PlaceAsync(
        DurableTaskClient client,
        PlaceOrderPolicy policy,
        string sku,
        string orderId,
        CancellationToken cancellationToken)
    {
        var item = new OrderItem(
            sku,
            OrdersClient.Quantity,
            OrdersClient.UnitPrice,
            OrdersClient.Quantity * OrdersClient.UnitPrice);
        var input = new PlaceOrderInput(
            orderId,
            "bench",
            [item],
            item.LineTotal,
            OrdersClient.ApprovingToken,
            policy,
            DateTimeOffset.UtcNow,
            null,
            "bench");
        return await client.ScheduleNewOrchestrationInstanceAsync(
            PlaceOrderOrchestrator.Name,
            input,
            new StartOrchestrationOptions(orderId),
            cancellationToken);
    }

    private static OrderView? ToView(Order? order) => order is null
        ? null
        : new OrderView(
            order.OrderId,
            order.Status.ToString(),
            order.Total,
            order.Reason,
            order.CreatedAt,
            order.UpdatedAt);

    // This process (sidecar, worker, client, the load) and its children (Azurite): everything the comparison runs on.
    private static double CpuMilliseconds()
    {
        var self = Environment.ProcessId;
        var total = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        foreach (var child in ChildProcesses(self))
        {
            total += ProcStatus.CpuMilliseconds(child);
        }

        return total;
    }

    private static IEnumerable<int> ChildProcesses(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            // Fields after the command name in parentheses: state, then the parent's pid.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
            {
                yield return pid;
            }
        }
    }
}
