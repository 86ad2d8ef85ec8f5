using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Tests.Support;
using EngineHistoryEvent = Serverless.Durable.History.StoredHistoryEvent;
using EngineHistoryEventType = Serverless.Durable.History.HistoryEventType;

namespace Serverless.Orders.Tests.Saga;

/// <summary>
/// Upgrades keep in-flight orders, end to end: the golden order the previous release left waiting for approval
/// (d-approval-waiting) is written into a fresh task hub as that release stored it, with the order, stock and
/// reservation its activities had written; today's engine, saga, activities and <see cref="OrderService"/> then finish
/// it, on a fake clock, through the engine's own message handlers.
/// </summary>
public sealed class InFlightUpgradeTests
{
    private const string Sku = "SKU-GOLDEN";

    [Fact]
    public async Task An_order_left_awaiting_approval_by_the_previous_release_is_confirmed_once_approved()
    {
        await using var hub = new UpgradedHub();
        var orderId = await LeftAwaitingApprovalAsync(hub);
        hub.Time.Advance(TimeSpan.FromHours(1));

        var (outcome, _) = await hub.Services.GetRequiredService<OrderService>().DecideAsync(
            orderId,
            approve: true,
            reason: null);
        await hub.RunUntilIdleAsync();

        Assert.Equal(ApprovalOutcome.Accepted, outcome);
        var result = await SettledAsync(hub, orderId);
        Assert.Equal((OrderStatus.Confirmed, null), (result.Status, result.Reason));
        Assert.Equal(
            OrderStatus.Confirmed,
            (await hub.Services.GetRequiredService<OrderStore>().GetAsync(orderId))!.Status);
        await AssertStockAsync(hub, available: 8, reserved: 0, sold: 2);
        var payment = await hub.Services.GetRequiredService<IPaymentGateway>().GetAsync(orderId);
        Assert.Equal((1200m, 1), (payment!.NetAmount, payment.Ledger.Count));
        Assert.Equal(ActivitiesOf(SagaReplayer.Read("g-approved-then-confirmed")), await ActivitiesAsync(hub, orderId));
    }

    [Fact]
    public async Task An_order_left_awaiting_approval_by_the_previous_release_is_cancelled_when_its_timer_fires()
    {
        await using var hub = new UpgradedHub();
        var orderId = await LeftAwaitingApprovalAsync(hub);

        await hub.AdvanceAsync(TimeSpan.FromDays(1));

        var result = await SettledAsync(hub, orderId);
        Assert.Equal((OrderStatus.Cancelled, "Approval timed out after 1.00:00:00."), (result.Status, result.Reason));
        await AssertStockAsync(hub, available: 10, reserved: 0, sold: 0);
        Assert.Equal(0m, (await hub.Services.GetRequiredService<IPaymentGateway>().GetAsync(orderId))?.NetAmount ?? 0m);
        Assert.Equal(ActivitiesOf(SagaReplayer.Read("e-approval-timed-out")), await ActivitiesAsync(hub, orderId));
    }

    /// <summary>
    /// Writes the golden in-flight history, and what its completed activities had done (with their recorded inputs):
    /// the order row, 10 units of stock with 2 reserved for it, the order awaiting approval. Returns the order id.
    /// </summary>
    private static async Task<string> LeftAwaitingApprovalAsync(UpgradedHub hub)
    {
        var history = SagaReplayer.Read("d-approval-waiting");
        var input = await hub.WriteRunningAsync(history);
        var converter = hub.Services.GetRequiredService<DataConverter>();
        string Recorded(string activity) =>
            history.Single(e => e.Type == EngineHistoryEventType.TaskScheduled && e.Name == activity).Input!;

        var orders = hub.Services.GetRequiredService<OrderStore>();
        var inventory = hub.Services.GetRequiredService<InventoryStore>();
        await inventory.SetStockAsync(Sku, 10, 600m);
        await orders.CreateAsync(
            converter.Deserialize<PlaceOrderInput>(Recorded(SagaActivities.RecordOrder))!,
            CancellationToken.None);
        var reserve = converter.Deserialize<ReserveStockInput>(Recorded(SagaActivities.ReserveStock))!;
        Assert.True((await inventory.ReserveAsync(reserve.OrderId, reserve.Lines)).Reserved);
        var awaiting = converter.Deserialize<SetOrderStatusInput>(Recorded(SagaActivities.SetOrderStatus))!;
        await orders.TransitionAsync(
            awaiting.OrderId,
            awaiting.Status,
            awaiting.Reason,
            awaiting.Sequence,
            awaiting.At);
        Assert.Equal(OrderStatus.AwaitingApproval, (await orders.GetAsync(input.OrderId))!.Status);
        return input.OrderId;
    }

    private static async Task<PlaceOrderResult> SettledAsync(UpgradedHub hub, string orderId)
    {
        var instance = await hub.Client.GetInstanceAsync(orderId, getInputsAndOutputs: true);
        Assert.NotNull(instance);
        Assert.True(
            instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"{instance.RuntimeStatus}: {instance.FailureDetails}");
        return instance.ReadOutputAs<PlaceOrderResult>()!;
    }

    private static async Task AssertStockAsync(UpgradedHub hub, long available, long reserved, long sold)
    {
        var stock = await hub.Services.GetRequiredService<InventoryStore>().GetAsync(Sku);
        Assert.Equal((available, reserved, sold), (stock!.Available, stock.Reserved, stock.Sold));
    }

    private static async Task<List<string>> ActivitiesAsync(UpgradedHub hub, string orderId) =>
        (await hub.Client.GetOrchestrationHistoryAsync(orderId))
            .OfType<TaskScheduledEvent>()
            .Select(e => e.Name!)
            .ToList();

    private static List<string> ActivitiesOf(IEnumerable<EngineHistoryEvent> golden) =>
        golden.Where(e => e.Type == EngineHistoryEventType.TaskScheduled).Select(e => e.Name!).ToList();
}
