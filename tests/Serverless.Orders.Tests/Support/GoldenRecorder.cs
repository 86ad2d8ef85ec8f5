using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Durable.Engine;
using Serverless.Durable.History;
using Serverless.Durable.Serialization;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;

namespace Serverless.Orders.Tests.Support;

/// <summary>
/// Records a golden history of <c>PlaceOrder</c> as the ones in Saga/Golden were recorded (see the README there): the
/// host's composition over a fresh SQLite file and a fake clock at 2026-01-01, jitter 0, the order placed through
/// <see cref="OrderService.PlaceAsync"/> with the <c>Idempotency-Key</c> <c>golden-&lt;scenario&gt;</c> by customer
/// <c>c-golden</c> on <c>SKU-GOLDEN</c> (stock 10), messages delivered one at a time until idle. Returns both files'
/// text.
/// </summary>
internal static class GoldenRecorder
{
    public const string Sku = "SKU-GOLDEN";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The golden policy: the first recording's product defaults, jitter 0, screen at 500.00.</summary>
    public static void Policy(OrdersOptions options)
    {
        options.ApprovalThreshold = 1000.00m;
        options.ApprovalTimeout = TimeSpan.FromDays(1);
        options.ScreenThreshold = 500.00m;
        options.PaymentRetry = Retry(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        options.StepRetry = Retry(5, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        options.MustSucceedRetry = Retry(int.MaxValue, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
    }

    private static RetrySettings Retry(int attempts, TimeSpan first, TimeSpan max) => new()
    {
        MaxAttempts = attempts,
        FirstRetryInterval = first,
        BackoffCoefficient = 2,
        MaxRetryInterval = max,
        Jitter = 0,
    };

    public static async Task<(string History, string Scenario)> RecordAsync(
        string scenario,
        string description,
        string version,
        string token,
        int quantity,
        decimal unitPrice)
    {
        await using var hub = new UpgradedHub(version, Policy);
        var clockStart = hub.Time.GetUtcNow();
        await hub.Engine.EnsureCreatedAsync();
        await hub.Services.GetRequiredService<InventoryStore>().SetStockAsync(Sku, 10, unitPrice);
        var orders = hub.Services.GetRequiredService<OrderServiceFactory>().Create(hub.Client);
        var placed = await orders.PlaceAsync(
            new CreateOrderRequest
            {
                CustomerId = "c-golden",
                Items = [new OrderLineRequest { Sku = Sku, Quantity = quantity }],
                Payment = new PaymentDetails { Token = token },
            },
            "golden-" + scenario);
        var orderId = Assert.IsType<Order>(placed.Order).OrderId;
        await hub.RunUntilIdleAsync();

        var rows = await hub.Services.GetRequiredService<Serverless.Storage.IStorageProvider>()
            .GetTable(TaskHubStorage.Resolve("golden").InstancesTable)
            .QueryPartitionAsync(orderId);
        var instance = InstanceRow.FromEntity(rows.Single(r => r.RowKey == RowKeys.Instance));
        var history = HistoryRows.Read(rows, instance.ExecutionId);
        var end = history.SingleOrDefault(e => e.Type == HistoryEventType.ExecutionCompleted);
        var scenarioFile = new JsonObject
        {
            ["scenario"] = scenario,
            ["description"] = description,
            ["instanceId"] = orderId,
            ["orchestrator"] = history[1].Name,
            ["version"] = history[1].Version,
            ["runtimeStatus"] = end is null ? "Running" : "Completed",
            ["input"] = history[1].Input,
            ["output"] = end?.Result,
            ["customStatus"] = null,
            ["clockStart"] = clockStart.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["clockEnd"] = hub.Time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["schedule"] = new JsonArray(history
                .Where(e => e.Type is HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated)
                .Select(e => (JsonNode?)(e.Type == HistoryEventType.TaskScheduled
                    ? "activity:" + e.Name
                    : $"timer:+{e.FireAt!.Value - e.Timestamp:c}"))
                .ToArray()),
            ["eventTypes"] = new JsonArray(history.Select(e => (JsonNode?)e.Type.ToString()).ToArray()),
        };
        var stored = JsonSerializer.Serialize(history, DurableJsonContext.Default.ListStoredHistoryEvent);
        return (
            JsonNode.Parse(stored)!.ToJsonString(Indented) + "\n",
            scenarioFile.ToJsonString(Indented) + "\n");
    }
}
