using Serverless.Conformance.Tests.Catalog.Saga;
using Serverless.Conformance.Tests.Scenarios;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using static Serverless.Orders.Saga.SagaActivities;

namespace Serverless.Conformance.Tests.Behaviour;

/// <summary>
/// The order saga (<see cref="PlaceOrderOrchestrator"/> and its activities, unchanged) on every runtime: the outcome,
/// the activities it called, and the end state of the run's own domain (stock, payment ledger, order read model).
/// </summary>
[Collection(ConformanceCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class SagaTests(ConformanceFixture fixture)
{
    private const int Ordered = 2;
    private const decimal Total = Ordered * SagaOrders.UnitPrice;
    private const string Declined = "Payment declined: The card was declined (simulated).";

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Order_paid_with_an_approving_card_is_confirmed_charged_once_and_its_stock_sold(string runtime)
    {
        var (outcome, domain) = await RunAsync(runtime, SagaScenarios.HappyPath);

        AssertResult(outcome, OrderStatus.Confirmed, reason: null);
        Outcomes.Scheduled(
            outcome,
            RecordOrder,
            ReserveStock,
            ChargePayment,
            CommitStock,
            SetOrderStatus,
            PublishOrderConfirmed);
        await AssertStockAsync(domain, available: SagaOrders.Stock - Ordered, sold: Ordered);
        await AssertChargedOnceAsync(domain);
        await AssertOrderAsync(domain, OrderStatus.Confirmed, reason: null);
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Declined_payment_is_not_retried_and_the_order_is_compensated_and_cancelled(string runtime)
    {
        var (outcome, domain) = await RunAsync(runtime, SagaScenarios.Declined);

        AssertResult(outcome, OrderStatus.Cancelled, Declined);
        Outcomes.Scheduled(
            outcome,
            RecordOrder,
            ReserveStock,
            ChargePayment,
            RefundPayment,
            ReleaseStock,
            SetOrderStatus);
        await AssertStockAsync(domain, available: SagaOrders.Stock, sold: 0);
        await AssertNothingChargedAsync(domain, PaymentStatus.Declined);
        await AssertOrderAsync(domain, OrderStatus.Cancelled, Declined);
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Transient_payment_failures_are_retried_on_durable_timers_until_the_charge_succeeds(string runtime)
    {
        var (outcome, domain) = await RunAsync(runtime, SagaScenarios.TransientThenConfirmed);

        AssertResult(outcome, OrderStatus.Confirmed, reason: null);
        Outcomes.Scheduled(
            outcome,
            RecordOrder,
            ReserveStock,
            ChargePayment,
            "timer",
            ChargePayment,
            "timer",
            ChargePayment,
            CommitStock,
            SetOrderStatus,
            PublishOrderConfirmed);
        await AssertStockAsync(domain, available: SagaOrders.Stock - Ordered, sold: Ordered);
        await AssertChargedOnceAsync(domain);
        await AssertOrderAsync(domain, OrderStatus.Confirmed, reason: null);
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Order_over_the_stock_is_cancelled_as_out_of_stock_before_any_payment(string runtime)
    {
        var (outcome, domain) = await RunAsync(runtime, SagaScenarios.OutOfStock);
        var reason = $"Out of stock: {SagaOrders.Sku} (requested {SagaScenarios.TooMany}, available " +
            $"{SagaOrders.Stock}).";

        AssertResult(outcome, OrderStatus.Cancelled, reason);
        Outcomes.Scheduled(outcome, RecordOrder, ReserveStock, ReleaseStock, SetOrderStatus);
        await AssertStockAsync(domain, available: SagaOrders.Stock, sold: 0);
        await AssertNeverPaidAsync(domain);
        await AssertOrderAsync(domain, OrderStatus.Cancelled, reason);
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Order_over_the_approval_threshold_awaits_approval_and_is_confirmed_once_approved(string runtime)
    {
        var (outcome, domain) = await RunAsync(runtime, SagaScenarios.ApprovalApproved);

        AssertResult(outcome, OrderStatus.Confirmed, reason: null);
        Outcomes.Scheduled(
            outcome,
            RecordOrder,
            ReserveStock,
            SetOrderStatus,
            "timer",
            SetOrderStatus,
            ChargePayment,
            CommitStock,
            SetOrderStatus,
            PublishOrderConfirmed);
        await AssertStockAsync(domain, available: SagaOrders.Stock - Ordered, sold: Ordered);
        await AssertChargedOnceAsync(domain);
        await AssertOrderAsync(domain, OrderStatus.Confirmed, reason: null);
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Rejected_order_is_cancelled_with_the_reason_from_the_reject_event(string runtime)
    {
        var (outcome, domain) = await RunAsync(runtime, SagaScenarios.ApprovalRejected);
        const string reason = "Rejected by the approver: too big";

        AssertResult(outcome, OrderStatus.Cancelled, reason);
        Outcomes.Scheduled(outcome, RecordOrder, ReserveStock, SetOrderStatus, "timer", ReleaseStock, SetOrderStatus);
        await AssertStockAsync(domain, available: SagaOrders.Stock, sold: 0);
        await AssertNeverPaidAsync(domain);
        await AssertOrderAsync(domain, OrderStatus.Cancelled, reason);
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Customer_cancel_during_approval_compensates_and_cancels_before_any_payment(string runtime)
    {
        var (outcome, domain) = await RunAsync(runtime, SagaScenarios.CancelledAwaitingApproval);

        AssertResult(outcome, OrderStatus.Cancelled, CancellationReasons.CancelledByCustomer);
        Outcomes.Scheduled(outcome, RecordOrder, ReserveStock, SetOrderStatus, "timer", ReleaseStock, SetOrderStatus);
        await AssertStockAsync(domain, available: SagaOrders.Stock, sold: 0);
        await AssertNeverPaidAsync(domain);
        await AssertOrderAsync(domain, OrderStatus.Cancelled, CancellationReasons.CancelledByCustomer);
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Order_nobody_approves_is_cancelled_when_the_approval_times_out(string runtime)
    {
        var (outcome, domain) = await RunAsync(runtime, SagaScenarios.ApprovalTimedOut);
        var reason = $"Approval timed out after {SagaOrders.ShortApprovalTimeout}.";

        AssertResult(outcome, OrderStatus.Cancelled, reason);
        Outcomes.Scheduled(
            outcome,
            RecordOrder,
            ReserveStock,
            SetOrderStatus,
            "timer",
            RecordApprovalTimeout,
            ReleaseStock,
            SetOrderStatus);
        await AssertStockAsync(domain, available: SagaOrders.Stock, sold: 0);
        await AssertNeverPaidAsync(domain);
        await AssertOrderAsync(domain, OrderStatus.Cancelled, reason);
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Failing_refund_is_retried_until_it_succeeds_and_the_order_is_still_compensated(string runtime)
    {
        var (outcome, domain) = await RunAsync(runtime, SagaScenarios.CompensationRetried);

        // The compensation succeeded in the end, so the reason carries no "compensation failed" note.
        AssertResult(outcome, OrderStatus.Cancelled, Declined);
        Outcomes.Scheduled(
            outcome,
            RecordOrder,
            ReserveStock,
            ChargePayment,
            RefundPayment,
            "timer",
            RefundPayment,
            "timer",
            RefundPayment,
            ReleaseStock,
            SetOrderStatus);
        Assert.Equal(
            SagaScenarios.FailingRefunds + 1,
            Assert.IsType<FailingRefundGateway>(domain.Payments).RefundCalls);
        await AssertStockAsync(domain, available: SagaOrders.Stock, sold: 0);
        await AssertNothingChargedAsync(domain, PaymentStatus.Declined);
        await AssertOrderAsync(domain, OrderStatus.Cancelled, Declined);
    }

    private async Task<(ScenarioOutcome Outcome, SagaDomain Domain)> RunAsync(string runtime, Scenario scenario)
        => (await fixture.OutcomeAsync(runtime, scenario), await fixture.WorldAsync<SagaDomain>(runtime, scenario));

    private static void AssertResult(ScenarioOutcome outcome, OrderStatus status, string? reason)
        => Assert.Equal(
            new PlaceOrderResult(SagaOrders.OrderId, status, reason),
            Outcomes.CompletedWith<PlaceOrderResult>(outcome));

    // Stock is conserved: every unit is available, reserved or sold, and nothing stays reserved once the saga ended.
    private static async Task AssertStockAsync(SagaDomain domain, long available, long sold)
    {
        var stock = await domain.Inventory.GetAsync(SagaOrders.Sku);
        Assert.NotNull(stock);
        Assert.Equal((available, 0L, sold), (stock.Available, stock.Reserved, stock.Sold));
        Assert.Equal(SagaOrders.Stock, stock.Total);
    }

    private static async Task AssertChargedOnceAsync(SagaDomain domain)
    {
        var payment = await domain.Payments.GetAsync(SagaOrders.OrderId);
        Assert.NotNull(payment);
        Assert.Equal(PaymentStatus.Charged, payment.Status);
        var entry = Assert.Single(payment.Ledger);
        Assert.Equal((LedgerKinds.Charge, Total), (entry.Kind, entry.Amount));
        Assert.Equal(Total, payment.NetAmount);
    }

    // The gateway saw the order but no money moved: the ledger is empty and the net is zero.
    private static async Task AssertNothingChargedAsync(SagaDomain domain, PaymentStatus status)
    {
        var payment = await domain.Payments.GetAsync(SagaOrders.OrderId);
        Assert.NotNull(payment);
        Assert.Equal(status, payment.Status);
        Assert.Empty(payment.Ledger);
        Assert.Equal(0m, payment.NetAmount);
    }

    private static async Task AssertNeverPaidAsync(SagaDomain domain)
        => Assert.Null(await domain.Payments.GetAsync(SagaOrders.OrderId));

    private static async Task AssertOrderAsync(SagaDomain domain, OrderStatus status, string? reason)
    {
        var order = await domain.Orders.GetAsync(SagaOrders.OrderId);
        Assert.NotNull(order);
        Assert.Equal((status, reason), (order.Status, order.Reason));
    }
}
