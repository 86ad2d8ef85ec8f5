using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Recovery;
using Serverless.Orders.Tests.Support;
using Serverless.Storage;

namespace Serverless.Orders.Tests.Recovery;

/// <summary>
/// Orders never orphaned: an order whose orchestration an operator terminated, or purged after that, is compensated
/// (stock released, charge refunded) and cancelled by the reconciler with a reason that says what happened, at each
/// stage: awaiting approval, and charged but not committed. Live orchestrations and final orders are never touched.
/// </summary>
public sealed class ReconciliationTests : IAsyncLifetime, IDisposable
{
    private readonly OrdersApp _app = new(
        options => options.Reconciliation.GracePeriod = TimeSpan.Zero,
        GatedGateway.Install);

    private GatedGateway Gateway => GatedGateway.Of(_app);

    private OrderReconciler Reconciler => _app.Services.GetRequiredService<OrderReconciler>();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync()
    {
        Gateway.OpenGate();
        return _app.DisposeAsync();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_order_awaiting_approval_whose_saga_was_terminated_is_cancelled_with_its_stock_released()
    {
        var (sku, orderId) = await _app.PlaceAwaitingApprovalAsync();

        await TerminateAsync(orderId, "fraud suspected");
        var cancelled = await Reconciler.ReconcileAsync(_app.Durable);

        Assert.Equal(1, cancelled);
        await AssertCancelledAsync(orderId, "Orchestration terminated by an operator: fraud suspected");
        await AssertStockRestoredAsync(sku);
        await AssertNoMoneyKeptAsync(orderId);
    }

    [Fact]
    public async Task A_charged_but_uncommitted_order_whose_saga_was_terminated_is_refunded_released_and_cancelled()
    {
        var (sku, orderId) = await PlaceChargedNotCommittedAsync();

        await TerminateAsync(orderId, "stuck");
        Gateway.OpenGate();
        await Reconciler.ReconcileAsync(_app.Durable);

        await AssertCancelledAsync(orderId, "Orchestration terminated by an operator: stuck");
        await AssertStockRestoredAsync(sku);
        var payment = await AssertNoMoneyKeptAsync(orderId);
        Assert.Equal(PaymentStatus.Refunded, payment!.Status);
    }

    [Fact]
    public async Task An_order_awaiting_approval_whose_orchestration_was_purged_is_cancelled_as_not_found()
    {
        var (sku, orderId) = await _app.PlaceAwaitingApprovalAsync();

        await TerminateAsync(orderId, "clean-up");
        Assert.Equal(1, (await _app.Durable.PurgeInstanceAsync(orderId)).PurgedInstanceCount);
        await Reconciler.ReconcileAsync(_app.Durable);

        await AssertCancelledAsync(orderId, "Orchestration not found (purged or lost); the order was never settled.");
        await AssertStockRestoredAsync(sku);
        await AssertNoMoneyKeptAsync(orderId);
    }

    [Fact]
    public async Task A_charged_but_uncommitted_order_whose_saga_was_purged_is_refunded_released_and_cancelled()
    {
        var (sku, orderId) = await PlaceChargedNotCommittedAsync();

        await TerminateAsync(orderId, "clean-up");
        Gateway.OpenGate();
        Assert.Equal(1, (await _app.Durable.PurgeInstanceAsync(orderId)).PurgedInstanceCount);
        await Reconciler.ReconcileAsync(_app.Durable);

        await AssertCancelledAsync(orderId, "Orchestration not found (purged or lost); the order was never settled.");
        await AssertStockRestoredAsync(sku);
        Assert.Equal(PaymentStatus.Refunded, (await AssertNoMoneyKeptAsync(orderId))!.Status);
    }

    [Fact]
    public async Task A_live_orchestration_is_never_compensated_under_it()
    {
        var (sku, orderId) = await _app.PlaceAwaitingApprovalAsync();

        Assert.Equal(0, await Reconciler.ReconcileAsync(_app.Durable));

        var order = await _app.GetJsonAsync($"/api/orders/{orderId}");
        Assert.Equal("AwaitingApproval", order.GetProperty("status").GetString());
        Assert.Equal(2L, (await _app.GetStockAsync(sku)).GetProperty("reserved").GetInt64());
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await _app.Durable.GetInstanceAsync(orderId))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_confirmed_order_whose_history_was_purged_is_never_touched()
    {
        var sku = OrdersApp.NewSku();
        await _app.PutStockAsync(sku, 5, 10m);
        var orderId = await _app.PlaceAsync(TestTokens.Visa, (sku, 1));
        Assert.Equal("Confirmed", (await _app.SettledAsync(orderId)).GetProperty("status").GetString());

        Assert.Equal(1, (await _app.Durable.PurgeInstanceAsync(orderId)).PurgedInstanceCount);
        Assert.Equal(0, await Reconciler.ReconcileAsync(_app.Durable));

        Assert.Equal(
            "Confirmed",
            (await _app.GetJsonAsync($"/api/orders/{orderId}")).GetProperty("status").GetString());
        var stock = await _app.GetStockAsync(sku);
        Assert.Equal((4L, 1L), (stock.GetProperty("available").GetInt64(), stock.GetProperty("sold").GetInt64()));
        Assert.Equal(10m, (await Gateway.GetAsync(orderId))!.NetAmount);
    }

    [Fact]
    public async Task Approving_an_order_whose_orchestration_was_terminated_answers_409_saying_why()
    {
        var (_, orderId) = await _app.PlaceAwaitingApprovalAsync();
        await TerminateAsync(orderId, "fraud suspected");

        using var response = await _app.Http.PostAsync($"/api/orders/{orderId}/approve", content: null);

        Assert.Equal(System.Net.HttpStatusCode.Conflict, response.StatusCode);
        var detail = (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement
            .GetProperty("detail").GetString();
        Assert.Equal(
            $"Order {orderId} can no longer be approved or rejected: its orchestration has ended (terminated, failed " +
                $"or purged); the order is being cancelled and its stock released.",
            detail);
    }

    /// <summary>
    /// Places an order under the approval threshold whose charge went through and is held before the saga commits.
    /// </summary>
    private async Task<(string Sku, string OrderId)> PlaceChargedNotCommittedAsync()
    {
        var sku = OrdersApp.NewSku();
        await _app.PutStockAsync(sku, 5, 10m);
        Gateway.HoldCharges = true;
        var orderId = await _app.PlaceAsync(TestTokens.Visa, (sku, 2));
        await Eventually.ValueAsync(
            () => Gateway.GetAsync(orderId),
            p => p?.Status == PaymentStatus.Charged,
            $"order {orderId} is charged");
        Assert.Equal(2L, (await _app.GetStockAsync(sku)).GetProperty("reserved").GetInt64());
        return (sku, orderId);
    }

    private async Task TerminateAsync(string orderId, string reason)
    {
        await _app.Durable.TerminateInstanceAsync(orderId, reason);
        await Eventually.ValueAsync(
            () => _app.Durable.GetInstanceAsync(orderId),
            i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated,
            $"orchestration {orderId} is terminated");
    }

    private async Task AssertCancelledAsync(string orderId, string reason)
    {
        var order = await _app.GetJsonAsync($"/api/orders/{orderId}");
        Assert.Equal(
            ("Cancelled", reason),
            (order.GetProperty("status").GetString(), order.GetProperty("reason").GetString()));
        Assert.False(order.TryGetProperty("compensation", out _));
    }

    private async Task AssertStockRestoredAsync(string sku)
    {
        var stock = await _app.GetStockAsync(sku);
        Assert.Equal(
            (5L, 0L, 0L),
            (
                stock.GetProperty("available").GetInt64(),
                stock.GetProperty("reserved").GetInt64(),
                stock.GetProperty("sold").GetInt64()));
    }

    private async Task<PaymentRecord?> AssertNoMoneyKeptAsync(string orderId)
    {
        var payment = await Gateway.GetAsync(orderId);
        Assert.Equal(0m, payment?.NetAmount ?? 0m);
        return payment;
    }
}
