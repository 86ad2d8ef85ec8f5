using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Durable.History;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Recovery;
using Serverless.Orders.Saga;
using Serverless.Orders.Tests.Support;

namespace Serverless.Orders.Tests.Recovery;

/// <summary>
/// A bad deploy: the saga's code no longer matches an in-flight order's history (here the history names a step today's
/// code does not take), so its next episode fails as non-deterministic. The order, at either stage (awaiting approval;
/// charged but not committed), is compensated and cancelled by the reconciler. Runs today's engine over a real SQLite
/// file with the previous release's stored history, delivering messages by hand (<see cref="UpgradedHub"/>).
/// </summary>
public sealed class FailedOrchestrationTests
{
    [Fact]
    public async Task An_order_awaiting_approval_whose_saga_no_longer_replays_is_cancelled_with_its_stock_released()
    {
        await using var hub = new UpgradedHub();
        var history = Renamed(SagaReplayer.Read("d-approval-waiting"), SagaActivities.ReserveStock, "ReserveStockV0");
        var input = await hub.WriteRunningAsync(history);
        await SeedAsync(hub, input, charged: false);
        await Orders(hub).TransitionAsync(input.OrderId, OrderStatus.AwaitingApproval, null, 1, hub.Time.GetUtcNow());

        await FailAsync(hub, input.OrderId);
        Assert.True(await Reconciler(hub).ReconcileAsync(hub.Client, input.OrderId));

        await AssertCancelledAsync(hub, input);
        Assert.Equal(0m, (await Payments(hub).GetAsync(input.OrderId))?.NetAmount ?? 0m);
    }

    [Fact]
    public async Task A_charged_but_uncommitted_order_whose_saga_no_longer_replays_is_refunded_released_and_cancelled()
    {
        await using var hub = new UpgradedHub();
        var golden = SagaReplayer.Read("a-confirmed");
        // Left as the previous release stored it after the charge: CommitStock scheduled, not yet run.
        var upToCommit = golden.Take(golden.FindIndex(e => e.Type == HistoryEventType.TaskScheduled
            && e.Name == SagaActivities.CommitStock) + 1)
            .ToList();
        var history = Renamed(upToCommit, SagaActivities.ChargePayment, "ChargeCard");
        var input = await hub.WriteRunningAsync(history);
        await SeedAsync(hub, input, charged: true);

        await FailAsync(hub, input.OrderId);
        Assert.True(await Reconciler(hub).ReconcileAsync(hub.Client, input.OrderId));

        await AssertCancelledAsync(hub, input);
        var payment = await Payments(hub).GetAsync(input.OrderId);
        Assert.Equal((PaymentStatus.Refunded, 0m), (payment!.Status, payment.NetAmount));
    }

    private static List<StoredHistoryEvent> Renamed(
        IEnumerable<StoredHistoryEvent> history,
        string activity,
        string name) =>
        history.Select(e => e.Name == activity ? e with { Name = name } : e).ToList();

    // What the history's completed activities had done: the order row, 10 units with the order's reserved, maybe the
    // charge.
    private static async Task SeedAsync(UpgradedHub hub, PlaceOrderInput input, bool charged)
    {
        var inventory = hub.Services.GetRequiredService<InventoryStore>();
        foreach (var item in input.Items)
        {
            await inventory.SetStockAsync(item.Sku, 10, item.UnitPrice);
        }

        await Orders(hub).CreateAsync(input, CancellationToken.None);
        Assert.True((await inventory.ReserveAsync(
            input.OrderId,
            input.Items.Select(i => new StockLine(i.Sku, i.Quantity)).ToList())).Reserved);
        if (charged)
        {
            await Payments(hub).ChargeAsync(input.OrderId, input.Total, input.PaymentToken, $"{input.OrderId}:charge");
        }
    }

    // Any message wakes the orchestration; its replay then meets the history it no longer matches.
    private static async Task FailAsync(UpgradedHub hub, string orderId)
    {
        await hub.Client.RaiseEventAsync(orderId, "wake-up");
        await hub.RunUntilIdleAsync();
        var instance = await hub.Client.GetInstanceAsync(orderId, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance!.RuntimeStatus);
    }

    private static async Task AssertCancelledAsync(UpgradedHub hub, PlaceOrderInput input)
    {
        var order = await Orders(hub).GetAsync(input.OrderId);
        Assert.Equal(OrderStatus.Cancelled, order!.Status);
        Assert.StartsWith("Orchestration failed: ", order.Reason, StringComparison.Ordinal);
        Assert.Null(order.Compensation);
        foreach (var item in input.Items)
        {
            var stock = await hub.Services.GetRequiredService<InventoryStore>().GetAsync(item.Sku);
            Assert.Equal((10L, 0L, 0L), (stock!.Available, stock.Reserved, stock.Sold));
        }
    }

    private static OrderStore Orders(UpgradedHub hub) => hub.Services.GetRequiredService<OrderStore>();

    private static IPaymentGateway Payments(UpgradedHub hub) => hub.Services.GetRequiredService<IPaymentGateway>();

    private static OrderReconciler Reconciler(UpgradedHub hub) => hub.Services.GetRequiredService<OrderReconciler>();
}
