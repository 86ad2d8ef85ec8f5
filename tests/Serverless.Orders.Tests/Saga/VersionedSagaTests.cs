using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Tests.Support;

namespace Serverless.Orders.Tests.Saga;

/// <summary>
/// The saga per version, on the engine over a SQLite file: instances without a version or of "1.0" run the first
/// release's logic (no screen), those of "2.0" screen orders above the policy's screen threshold before the charge, and
/// a refused screen cancels through the compensations (stock released, nothing charged).
/// </summary>
public sealed class VersionedSagaTests
{
    private const string Sku = "SKU-SCREEN";

    [Theory]
    [InlineData("")]
    [InlineData("1.0")]
    public async Task A_saga_before_version_2_0_charges_a_large_order_without_screening_it(string version)
    {
        var (hub, orderId) = await PlaceAsync(version, TestTokens.HighRisk, quantity: 2);
        await using var _ = hub;

        Assert.Equal((OrderStatus.Confirmed, null), await OutcomeAsync(hub, orderId));
        Assert.Equal(
            ["RecordOrder", "ReserveStock", "ChargePayment", "CommitStock", "SetOrderStatus", "PublishOrderConfirmed"],
            await ActivitiesAsync(hub, orderId));
        Assert.Equal(600.00m, (await PaymentAsync(hub, orderId)).NetAmount);
    }

    [Fact]
    public async Task A_version_2_0_saga_screens_an_order_above_the_threshold_before_charging_it()
    {
        var (hub, orderId) = await PlaceAsync("2.0", TestTokens.Visa, quantity: 2);
        await using var _ = hub;

        Assert.Equal((OrderStatus.Confirmed, null), await OutcomeAsync(hub, orderId));
        Assert.Equal(
            [
                "RecordOrder", "ReserveStock", "ScreenOrder", "ChargePayment", "CommitStock", "SetOrderStatus",
                "PublishOrderConfirmed",
            ],
            await ActivitiesAsync(hub, orderId));
    }

    [Fact]
    public async Task A_version_2_0_saga_does_not_screen_an_order_at_the_threshold()
    {
        // 500.00 is not above the 500.00 threshold: even the high-risk token goes straight to the charge.
        var (hub, orderId) = await PlaceAsync("2.0", TestTokens.HighRisk, quantity: 1, unitPrice: 500.00m);
        await using var _ = hub;

        Assert.Equal((OrderStatus.Confirmed, null), await OutcomeAsync(hub, orderId));
        Assert.DoesNotContain(SagaActivities.ScreenOrder, await ActivitiesAsync(hub, orderId));
    }

    [Fact]
    public async Task A_refused_screen_cancels_with_its_reason_releases_the_stock_and_charges_nothing()
    {
        var (hub, orderId) = await PlaceAsync("2.0", TestTokens.HighRisk, quantity: 2);
        await using var _ = hub;

        var reason = "Refused by the fraud screen: the payment token tok_risky is high risk.";
        Assert.Equal((OrderStatus.Cancelled, reason), await OutcomeAsync(hub, orderId));
        var order = await hub.Services.GetRequiredService<OrderStore>().GetAsync(orderId);
        Assert.Equal((OrderStatus.Cancelled, reason), (order!.Status, order.Reason));
        Assert.Equal(
            ["RecordOrder", "ReserveStock", "ScreenOrder", "ReleaseStock", "SetOrderStatus"],
            await ActivitiesAsync(hub, orderId));
        var stock = await hub.Services.GetRequiredService<InventoryStore>().GetAsync(Sku);
        Assert.Equal((10L, 0L, 0L), (stock!.Available, stock.Reserved, stock.Sold));
        Assert.Empty((await PaymentAsync(hub, orderId)).Ledger);
    }

    [Fact]
    public async Task A_refused_screen_cancels_an_order_above_the_approval_threshold_before_anyone_is_asked()
    {
        var (hub, orderId) = await PlaceAsync("2.0", TestTokens.HighRisk, quantity: 2, unitPrice: 600.00m);
        await using var _ = hub;

        Assert.Equal(OrderStatus.Cancelled, (await OutcomeAsync(hub, orderId)).Status);
        Assert.Equal(
            ["RecordOrder", "ReserveStock", "ScreenOrder", "ReleaseStock", "SetOrderStatus"],
            await ActivitiesAsync(hub, orderId));
    }

    private static async Task<(UpgradedHub Hub, string OrderId)> PlaceAsync(
        string version,
        string token,
        int quantity,
        decimal unitPrice = 300.00m)
    {
        var hub = new UpgradedHub(version, GoldenRecorder.Policy);
        await hub.Engine.EnsureCreatedAsync();
        await hub.Services.GetRequiredService<InventoryStore>().SetStockAsync(Sku, 10, unitPrice);
        var placed = await hub.Services.GetRequiredService<OrderServiceFactory>().Create(hub.Client).PlaceAsync(
            new CreateOrderRequest
            {
                CustomerId = "c-screen",
                Items = [new OrderLineRequest { Sku = Sku, Quantity = quantity }],
                Payment = new PaymentDetails { Token = token },
            },
            idempotencyKey: null);
        await hub.RunUntilIdleAsync();
        return (hub, Assert.IsType<Order>(placed.Order).OrderId);
    }

    private static async Task<(OrderStatus Status, string? Reason)> OutcomeAsync(UpgradedHub hub, string orderId)
    {
        var instance = await hub.Client.GetInstanceAsync(orderId, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance?.RuntimeStatus);
        var result = instance!.ReadOutputAs<PlaceOrderResult>()!;
        return (result.Status, result.Reason);
    }

    private static async Task<List<string>> ActivitiesAsync(UpgradedHub hub, string orderId) =>
        (await hub.Client.GetOrchestrationHistoryAsync(orderId)).OfType<TaskScheduledEvent>().Select(e => e.Name!)
            .ToList();

    private static async Task<PaymentRecord> PaymentAsync(UpgradedHub hub, string orderId) =>
        await hub.Services.GetRequiredService<IPaymentGateway>().GetAsync(orderId) ?? PaymentRecord.Empty(orderId);
}
