using Microsoft.Azure.Functions.Worker;
using Serverless.Orders.Events;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Screening;

namespace Serverless.Functions.Saga;

/// <summary>
/// The saga's activities on Durable Functions, one <c>[ActivityTrigger]</c> function per <see cref="SagaActivities"/>
/// name, each running the shared activity class that <see cref="SagaActivityFactory"/> builds from the app's services.
/// (Queue routing is the engine's: Durable Functions runs every activity from the task hub's work-item queue.)
/// </summary>
public sealed class SagaActivityFunctions(IServiceProvider services)
{
    /// <summary><see cref="SagaActivities.RecordOrder"/>.</summary>
    [Function(SagaActivities.RecordOrder)]
    public Task<object?> RecordOrderAsync([ActivityTrigger] PlaceOrderInput input, FunctionContext function) =>
        SagaActivityFactory.RecordOrder(services).RunAsync(Context(SagaActivities.RecordOrder, function), input);

    /// <summary><see cref="SagaActivities.ReserveStock"/>.</summary>
    [Function(SagaActivities.ReserveStock)]
    public Task<ReservationOutcome> ReserveStockAsync(
        [ActivityTrigger] ReserveStockInput input,
        FunctionContext function) =>
        SagaActivityFactory.ReserveStock(services).RunAsync(Context(SagaActivities.ReserveStock, function), input);

    /// <summary><see cref="SagaActivities.CommitStock"/>.</summary>
    [Function(SagaActivities.CommitStock)]
    public Task<StockCommitOutcome?> CommitStockAsync(
        [ActivityTrigger] OrderStockInput input,
        FunctionContext function) =>
        SagaActivityFactory.CommitStock(services).RunAsync(Context(SagaActivities.CommitStock, function), input);

    /// <summary><see cref="SagaActivities.ReleaseStock"/>.</summary>
    [Function(SagaActivities.ReleaseStock)]
    public Task<object?> ReleaseStockAsync([ActivityTrigger] OrderStockInput input, FunctionContext function) =>
        SagaActivityFactory.ReleaseStock(services).RunAsync(Context(SagaActivities.ReleaseStock, function), input);

    /// <summary><see cref="SagaActivities.ChargePayment"/>.</summary>
    [Function(SagaActivities.ChargePayment)]
    public Task<PaymentReceipt> ChargePaymentAsync(
        [ActivityTrigger] ChargePaymentInput input,
        FunctionContext function) =>
        SagaActivityFactory.ChargePayment(services).RunAsync(Context(SagaActivities.ChargePayment, function), input);

    /// <summary><see cref="SagaActivities.RefundPayment"/>.</summary>
    [Function(SagaActivities.RefundPayment)]
    public Task<PaymentReceipt> RefundPaymentAsync(
        [ActivityTrigger] RefundPaymentInput input,
        FunctionContext function) =>
        SagaActivityFactory.RefundPayment(services).RunAsync(Context(SagaActivities.RefundPayment, function), input);

    /// <summary><see cref="SagaActivities.SetOrderStatus"/>.</summary>
    [Function(SagaActivities.SetOrderStatus)]
    public Task<object?> SetOrderStatusAsync([ActivityTrigger] SetOrderStatusInput input, FunctionContext function) =>
        SagaActivityFactory.SetOrderStatus(services).RunAsync(Context(SagaActivities.SetOrderStatus, function), input);

    /// <summary><see cref="SagaActivities.RecordApprovalTimeout"/>.</summary>
    [Function(SagaActivities.RecordApprovalTimeout)]
    public Task<ApprovalDecision> RecordApprovalTimeoutAsync(
        [ActivityTrigger] string orderId,
        FunctionContext function) =>
        SagaActivityFactory.RecordApprovalTimeout(services).RunAsync(
            Context(SagaActivities.RecordApprovalTimeout, function),
            orderId);

    /// <summary><see cref="SagaActivities.ScreenOrder"/>.</summary>
    [Function(SagaActivities.ScreenOrder)]
    public Task<ScreenVerdict> ScreenOrderAsync([ActivityTrigger] ScreenOrderInput input, FunctionContext function) =>
        SagaActivityFactory.ScreenOrder(services).RunAsync(Context(SagaActivities.ScreenOrder, function), input);

    /// <summary><see cref="SagaActivities.PublishOrderConfirmed"/>.</summary>
    [Function(SagaActivities.PublishOrderConfirmed)]
    public Task<object?> PublishOrderConfirmedAsync([ActivityTrigger] OrderConfirmed input, FunctionContext function) =>
        SagaActivityFactory.PublishOrderConfirmed(services).RunAsync(
            Context(SagaActivities.PublishOrderConfirmed, function),
            input);

    private static FunctionActivityContext Context(string name, FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return FunctionActivityContext.For(name, function);
    }
}
