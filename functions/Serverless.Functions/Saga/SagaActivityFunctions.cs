using Microsoft.Azure.Functions.Worker;
using Serverless.Orders.Events;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Saga.Activities;

namespace Serverless.Functions.Saga;

/// <summary>
/// The saga's activities on Durable Functions, one <c>[ActivityTrigger]</c> function per <see cref="SagaActivities"/>
/// name, each running the shared activity class built from the app's services. (Queue routing is the engine's: Durable
/// Functions runs every activity from the task hub's work-item queue.)
/// </summary>
public sealed class SagaActivityFunctions(OrderStore orders, InventoryStore inventory, IPaymentGateway gateway, OrderEventPublisher publisher, TimeProvider time)
{
    /// <summary><see cref="SagaActivities.RecordOrder"/>.</summary>
    [Function(SagaActivities.RecordOrder)]
    public Task<object?> RecordOrderAsync([ActivityTrigger] PlaceOrderInput input, FunctionContext function) =>
        new RecordOrderActivity(orders).RunAsync(Context(SagaActivities.RecordOrder, function), input);

    /// <summary><see cref="SagaActivities.ReserveStock"/>.</summary>
    [Function(SagaActivities.ReserveStock)]
    public Task<ReservationOutcome> ReserveStockAsync([ActivityTrigger] ReserveStockInput input, FunctionContext function) =>
        new ReserveStockActivity(inventory).RunAsync(Context(SagaActivities.ReserveStock, function), input);

    /// <summary><see cref="SagaActivities.CommitStock"/>.</summary>
    [Function(SagaActivities.CommitStock)]
    public Task<StockCommitOutcome?> CommitStockAsync([ActivityTrigger] OrderStockInput input, FunctionContext function) =>
        new CommitStockActivity(inventory, orders, time).RunAsync(Context(SagaActivities.CommitStock, function), input);

    /// <summary><see cref="SagaActivities.ReleaseStock"/>.</summary>
    [Function(SagaActivities.ReleaseStock)]
    public Task<object?> ReleaseStockAsync([ActivityTrigger] OrderStockInput input, FunctionContext function) =>
        new ReleaseStockActivity(inventory, orders, time).RunAsync(Context(SagaActivities.ReleaseStock, function), input);

    /// <summary><see cref="SagaActivities.ChargePayment"/>.</summary>
    [Function(SagaActivities.ChargePayment)]
    public Task<PaymentReceipt> ChargePaymentAsync([ActivityTrigger] ChargePaymentInput input, FunctionContext function) =>
        new ChargePaymentActivity(gateway).RunAsync(Context(SagaActivities.ChargePayment, function), input);

    /// <summary><see cref="SagaActivities.RefundPayment"/>.</summary>
    [Function(SagaActivities.RefundPayment)]
    public Task<PaymentReceipt> RefundPaymentAsync([ActivityTrigger] RefundPaymentInput input, FunctionContext function) =>
        new RefundPaymentActivity(gateway, orders, time).RunAsync(Context(SagaActivities.RefundPayment, function), input);

    /// <summary><see cref="SagaActivities.SetOrderStatus"/>.</summary>
    [Function(SagaActivities.SetOrderStatus)]
    public Task<object?> SetOrderStatusAsync([ActivityTrigger] SetOrderStatusInput input, FunctionContext function) =>
        new SetOrderStatusActivity(orders).RunAsync(Context(SagaActivities.SetOrderStatus, function), input);

    /// <summary><see cref="SagaActivities.RecordApprovalTimeout"/>.</summary>
    [Function(SagaActivities.RecordApprovalTimeout)]
    public Task<ApprovalDecision> RecordApprovalTimeoutAsync([ActivityTrigger] string orderId, FunctionContext function) =>
        new RecordApprovalTimeoutActivity(orders).RunAsync(Context(SagaActivities.RecordApprovalTimeout, function), orderId);

    /// <summary><see cref="SagaActivities.PublishOrderConfirmed"/>.</summary>
    [Function(SagaActivities.PublishOrderConfirmed)]
    public Task<object?> PublishOrderConfirmedAsync([ActivityTrigger] OrderConfirmed input, FunctionContext function) =>
        new PublishOrderConfirmedActivity(publisher).RunAsync(Context(SagaActivities.PublishOrderConfirmed, function), input);

    private static FunctionActivityContext Context(string name, FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return FunctionActivityContext.For(name, function);
    }
}
